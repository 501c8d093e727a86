using Recoupe.Core.Model;

namespace Recoupe.Core.Digest;

/// <summary>
/// What the summary leaves for the cross-check: exclusives (facts only one outlet states, its best-scored sentences that
/// no other outlet's sentence aligns with and that the summary does not already say) and contradictions on stated facts
/// (two outlets' assertions about the same thing, one of them negative). Numeric contradictions are the figures' own
/// (<see cref="FigureClaim.Conflicts"/>).
/// </summary>
internal static class CrossCheck
{
    private const int ExclusivesPerOutlet = 2;
    private const int MaxExclusives = 10;
    private const int MaxContradictions = 10;

    public static List<SummaryItem> Exclusives(StoryText story, List<Summarizer.Candidate> scored, IReadOnlyList<SummaryItem> summary)
    {
        if (story.Articles.Select(a => a.Outlet).Distinct(StringComparer.Ordinal).Count() < 2) return [];
        var inSummary = new HashSet<(long, int)>(summary.Select(s => (s.Evidence.ArticleId, s.Evidence.Start)));
        var summaryCandidates = scored.Where(c => inSummary.Contains((c.Sentence.Article.Id, c.Sentence.Start))).ToList();
        var chosen = new List<Summarizer.Candidate>();
        var perOutlet = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in scored.OrderByDescending(c => c.Score).ThenBy(c => c.Sentence.StoryIndex))
        {
            if (chosen.Count >= MaxExclusives) break;
            var outlet = c.Sentence.Article.Outlet;
            if (c.Support.Any(x => x.Sentence.Article.Outlet != outlet)) continue;
            if (perOutlet.GetValueOrDefault(outlet) >= ExclusivesPerOutlet) continue;
            if (inSummary.Contains((c.Sentence.Article.Id, c.Sentence.Start))) continue;
            if (c.Sentence.OpensWithAnaphora || c.Sentence.QuoteShare >= 0.6) continue;
            if (summaryCandidates.Any(s => Summarizer.SameFact(s, c)) || chosen.Any(o => Summarizer.SameFact(o, c))) continue;
            chosen.Add(c);
            perOutlet[outlet] = perOutlet.GetValueOrDefault(outlet) + 1;
        }
        return chosen
            .OrderBy(c => c.Sentence.Article.PublishedAt ?? DateTime.MaxValue).ThenBy(c => c.Sentence.Article.Index).ThenBy(c => c.Sentence.Start)
            .Select((c, i) => Summarizer.Item(c, i + 1, "x"))
            .ToList();
    }

    public static List<Contradiction> Contradictions(StoryText story)
    {
        var found = new List<(SentenceText A, SentenceText B, double Similarity)>();
        var seen = new HashSet<(string, string, int)>();
        foreach (var a in story.Sentences)
        {
            if (!Summarizer.IsCandidate(a)) continue;
            foreach (var (index, _) in story.Graph.Neighbours[a.StoryIndex])
            {
                if (index <= a.StoryIndex) continue;
                var b = story.Sentences[index];
                if (b.Article.Outlet == a.Article.Outlet || !Summarizer.IsCandidate(b)) continue;
                if (!SentenceAlignment.Contradicts(a, b, out var similarity)) continue;
                found.Add((a, b, similarity));
            }
        }
        var result = new List<Contradiction>();
        // one contradiction per sentence and other outlet: the closest
        foreach (var (a, b, similarity) in found.OrderByDescending(x => x.Similarity).ThenBy(x => x.A.StoryIndex).ThenBy(x => x.B.StoryIndex))
        {
            if (result.Count >= MaxContradictions) break;
            if (!seen.Add((a.Article.Outlet, b.Article.Outlet, a.StoryIndex)) || !seen.Add((b.Article.Outlet, a.Article.Outlet, b.StoryIndex))) continue;
            result.Add(new Contradiction
            {
                Id = $"c{result.Count + 1}",
                Kind = "negation",
                Similarity = Math.Round(similarity, 3),
                Sides = [Side(a), Side(b)],
            });
        }
        return result;
    }

    private static ContradictionSide Side(SentenceText s) => new(s.Article.Outlet, s.Negated, s.Evidence);
}
