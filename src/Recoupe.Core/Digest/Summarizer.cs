using Recoupe.Core.Model;

namespace Recoupe.Core.Digest;

/// <summary>
/// Extractive multi-document summary that cross-checks. Each candidate sentence is scored on centrality (LexRank over
/// the TF-IDF similarity graph of the story's sentences), on how many other outlets state the same fact (by meaning,
/// see <see cref="SentenceAlignment"/>), on how close it is to the articles' headlines and on lead position; sentences
/// are then picked by maximal marginal relevance so that the summary covers the story instead of repeating its main
/// fact, and shown by how many outlets state them, then in time order. A sentence cut inside a quotation is never one.
/// </summary>
internal static class Summarizer
{
    public const int MinSentences = DigestOptions.MinSentences;
    public const int MaxSentences = DigestOptions.MaxSentences;
    private const int MinContentTerms = 5;
    private const int MaxChars = 600;
    private const double Damping = 0.85;
    private const double EdgeThreshold = 0.1;
    private const double Lambda = 0.7;
    private const double NoveltyWeight = 0.3;
    private const double ChangeBonus = 0.1;
    // weights of centrality, share of other outlets stating it, headline likeness and lead position
    private const double CentralityWeight = 0.3, SupportWeight = 0.3, HeadlineWeight = 0.25, LeadWeight = 0.15;

    internal sealed record Candidate(SentenceText Sentence, double Score, List<(SentenceText Sentence, double Similarity)> Support)
    {
        /// <summary>The sentence's distinct terms with the weight covering them adds (see <see cref="TermWeights"/>).</summary>
        public IReadOnlyList<(string Term, double Weight)> Coverage { get; init; } = [];
    }

    /// <param name="figureLinks">Sentences that give figures of one claim (see <see cref="FigureAligner"/>): they state the
    /// same thing even in other words, and with another value they state it differently.</param>
    public static List<SummaryItem> Summarize(StoryText story, int? wanted, IReadOnlyDictionary<int, HashSet<int>>? figureLinks = null) =>
        Summarize(story, Score(story, figureLinks), wanted);

    /// <summary>The chosen candidates, most outlets first, then earliest first (the time the first of them published it).</summary>
    internal static List<SummaryItem> Summarize(StoryText story, List<Candidate> scored, int? wanted) =>
        Select(scored, wanted)
            .Select((c, rank) => (Candidate: c, Rank: rank, Outlets: OutletsStating(c), Time: FirstTime(c)))
            .OrderByDescending(x => x.Outlets)
            .ThenBy(x => x.Time ?? DateTime.MaxValue)
            .ThenBy(x => x.Rank)
            .Select((x, i) => Item(x.Candidate, i + 1))
            .ToList();

    private static int OutletsStating(Candidate c) =>
        c.Support.Where(x => SentenceAlignment.Relation(c.Sentence, x.Sentence) == SupportRelation.Same)
            .Select(x => x.Sentence.Article.Outlet).Append(c.Sentence.Article.Outlet).Distinct(StringComparer.Ordinal).Count();

    private static DateTime? FirstTime(Candidate c) =>
        c.Support.Select(x => x.Sentence.Article.PublishedAt).Append(c.Sentence.Article.PublishedAt).Where(t => t is not null).Min();

    /// <summary>Every candidate sentence with its score and the parts of it.</summary>
    internal static List<Candidate> Score(StoryText story, IReadOnlyDictionary<int, HashSet<int>>? figureLinks = null)
    {
        var candidates = story.Sentences.Where(IsCandidate).ToList();
        if (candidates.Count == 0) return [];

        var centrality = LexRank(story, candidates);
        var termWeights = TermWeights(story);
        var headlines = new HeadlineIndex(story.Sentences.Where(x => x.Role == ParagraphRole.Title).Select(x => x.Vector).ToList());
        var outletCount = story.Articles.Select(a => a.Outlet).Distinct(StringComparer.Ordinal).Count();

        var scored = new List<Candidate>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var s = candidates[i];
            var support = SentenceAlignment.BestPerArticle(story, s);
            if (figureLinks is not null && figureLinks.TryGetValue(s.StoryIndex, out var linked))
                foreach (var other in linked.Order().Select(index => story.Sentences[index]))
                    if (support.All(x => x.Sentence.Article != other.Article) && SentenceAlignment.SharesPredicate(s, other))
                        support.Add((other, s.Vector.Cosine(other.Vector)));
            support.Sort((a, b) => a.Sentence.Article.Index.CompareTo(b.Sentence.Article.Index));
            var otherOutlets = support.Select(x => x.Sentence.Article.Outlet)
                .Where(o => o != s.Article.Outlet).Distinct(StringComparer.Ordinal).Count();
            // a fact a second outlet confirms is worth half the weight, a third makes it whole: cross-checked facts first,
            // however many outlets the story has
            var supportShare = outletCount > 1 ? Math.Min(1.0, otherOutlets / Math.Min(2.0, outletCount - 1)) : 0;
            var headline = headlines.MaxCosine(s.Vector);
            var lead = s.Ordinal switch { 0 => 1.0, 1 => 0.5, 2 => 0.25, _ => 0.0 };
            var score = CentralityWeight * centrality[i] + SupportWeight * supportShare
                        + HeadlineWeight * Math.Min(1, headline * 2) + LeadWeight * lead;
            // a sentence that leans on the one before it, or that is mostly a quotation, makes a poor summary line
            if (s.OpensWithAnaphora) score *= 0.6;
            // (unless other outlets report the same words: then the quotation is a cross-checked fact)
            if (s.QuoteShare >= 0.6 && otherOutlets == 0) score *= 0.6;
            // a sentence that reports a change (doubled, a record, a first) is news
            if (s.Terms.Any(s.Article.Language.IsChange)) score += ChangeBonus;
            scored.Add(new Candidate(s, score, support)
            {
                // in a fixed order: sums must not depend on the process's string hashing
                Coverage = s.TermSet.Order(StringComparer.Ordinal).Select(t => (t, termWeights.GetValueOrDefault(t))).Where(x => x.Item2 > 0).ToList(),
            });
        }
        return scored;
    }

    /// <summary>
    /// Maximal marginal relevance with coverage: the best-scored sentence first, then each time the one whose score,
    /// plus the weight of the story terms it is first to cover, minus its likeness to what is already chosen, is highest.
    /// </summary>
    internal static List<Candidate> Select(List<Candidate> scored, int? wanted)
    {
        var selected = new List<Candidate>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var limit = wanted ?? MaxSentences;
        var maxCoverage = scored.Count == 0 ? 1 : Math.Max(1e-9, scored.Max(c => c.Coverage.Sum(x => x.Weight)));
        // kept up to date as sentences are chosen: a candidate stating a chosen fact is out; likeness to the chosen ones
        var blocked = new bool[scored.Count];
        var redundancy = new double[scored.Count];
        double firstScore = 0;
        while (selected.Count < limit)
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < scored.Count; i++)
            {
                if (blocked[i]) continue;
                var c = scored[i];
                var novel = 0.0;
                foreach (var (term, weight) in c.Coverage)
                    if (!covered.Contains(term)) novel += weight;
                var value = Lambda * c.Score + NoveltyWeight * novel / maxCoverage - (1 - Lambda) * redundancy[i];
                if (value > bestValue) { best = i; bestValue = value; }
            }
            if (best < 0) break;
            var chosen = scored[best];
            if (selected.Count == 0) firstScore = chosen.Score;
            // past the minimum, stop when what is left matters much less than the main fact
            if (wanted is null && selected.Count >= MinSentences && chosen.Score < 0.45 * firstScore) break;
            selected.Add(chosen);
            covered.UnionWith(chosen.Coverage.Select(x => x.Term));
            for (var i = 0; i < scored.Count; i++)
            {
                if (blocked[i]) continue;
                if (i == best) { blocked[i] = true; continue; }
                if (SameFact(chosen, scored[i]))
                {
                    blocked[i] = true;
                    // the same fact in another outlet's words: that outlet states the chosen item too
                    var other = scored[i].Sentence;
                    if (other.Article.Outlet != chosen.Sentence.Article.Outlet && SentenceAlignment.Restates(chosen.Sentence, other)
                        && chosen.Support.All(x => x.Sentence.Article != other.Article))
                        chosen.Support.Add((other, chosen.Sentence.Vector.Cosine(other.Vector)));
                    continue;
                }
                redundancy[i] = Math.Max(redundancy[i], chosen.Sentence.Vector.Cosine(scored[i].Sentence.Vector));
            }
        }
        return selected;
    }

    /// <summary>
    /// How much covering a term is worth: the number of other outlets that use it too (a term one outlet alone
    /// uses says nothing about the story), so the summary spreads over what several outlets write about.
    /// </summary>
    private static Dictionary<string, double> TermWeights(StoryText story)
    {
        var outlets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var s in story.Sentences)
            foreach (var t in s.Terms)
            {
                if (!outlets.TryGetValue(t, out var set)) outlets[t] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(s.Article.Outlet);
            }
        return outlets.ToDictionary(kv => kv.Key, kv => (double)(kv.Value.Count - 1), StringComparer.Ordinal);
    }

    internal static bool IsCandidate(SentenceText s)
    {
        if (s.Role is ParagraphRole.Title or ParagraphRole.Heading) return false;
        if (s.End - s.Start > MaxChars) return false;
        var text = s.Article.Article.Text;
        var last = text[s.End - 1];
        if (last == '?') return false;
        if (s.CutsQuotation) return false;
        return s.TermSet.Count >= MinContentTerms;
    }

    /// <summary>
    /// Two candidates state the same fact when they align, when they are near copies within one article, or when
    /// they give the same figure about the same things (one number and two more content terms in common).
    /// </summary>
    internal static bool SameFact(Candidate a, Candidate b)
    {
        if (a.Sentence.Article != b.Sentence.Article ? SentenceAlignment.Aligns(a.Sentence, b.Sentence, out _)
                                                     : a.Sentence.Vector.Cosine(b.Sentence.Vector) >= 0.5)
            return true;
        // the same rare words (not names) say the same thing even when the rest differs
        if (a.Sentence.Vector.Cosine(b.Sentence.Vector) >= 0.15 && SharedWords(a.Sentence, b.Sentence) >= 3) return true;
        return a.Sentence.Numbers.Overlaps(b.Sentence.Numbers) && a.Sentence.Vector.Shared(b.Sentence.Vector) >= 3;
    }

    /// <summary>The story's headlines by term, so that a sentence is compared only with the headlines it shares a term with.</summary>
    private sealed class HeadlineIndex
    {
        private readonly Dictionary<int, List<(int Headline, float Weight)>> _byTerm = new();
        private readonly double[] _dot;

        public HeadlineIndex(List<SparseVector> headlines)
        {
            _dot = new double[headlines.Count];
            for (var h = 0; h < headlines.Count; h++)
                for (var k = 0; k < headlines[h].Ids.Length; k++)
                {
                    if (!_byTerm.TryGetValue(headlines[h].Ids[k], out var list)) _byTerm[headlines[h].Ids[k]] = list = [];
                    list.Add((h, headlines[h].Weights[k]));
                }
        }

        /// <summary>The highest cosine between <paramref name="vector"/> and a headline (exact: vectors are normalised).</summary>
        public double MaxCosine(SparseVector vector)
        {
            var touched = new List<int>();
            for (var k = 0; k < vector.Ids.Length; k++)
                if (_byTerm.TryGetValue(vector.Ids[k], out var list))
                    foreach (var (h, w) in list)
                    {
                        if (_dot[h] == 0) touched.Add(h);
                        _dot[h] += vector.Weights[k] * w;
                    }
            var max = 0.0;
            foreach (var h in touched)
            {
                max = Math.Max(max, _dot[h]);
                _dot[h] = 0;
            }
            return max;
        }
    }

    private static int SharedWords(SentenceText a, SentenceText b) =>
        a.TermSet.Count(t => t[0] != '@' && t[0] != '#' && b.TermSet.Contains(t));

    /// <summary>Continuous LexRank (power iteration over the row-normalised similarity graph), scaled to a maximum of 1.</summary>
    private static double[] LexRank(StoryText story, List<SentenceText> sentences)
    {
        var n = sentences.Count;
        var position = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++) position[sentences[i].StoryIndex] = i;
        var edges = new List<(int To, double Weight)>[n];
        for (var i = 0; i < n; i++)
        {
            edges[i] = [];
            foreach (var (index, cosine) in story.Graph.Neighbours[sentences[i].StoryIndex])
            {
                if (cosine < EdgeThreshold || !position.TryGetValue(index, out var j)) continue;
                // agreement across articles says more than an article repeating itself
                edges[i].Add((j, sentences[i].Article == sentences[j].Article ? cosine * 0.5 : cosine));
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        var outWeight = edges.Select(e => e.Sum(x => x.Weight)).ToArray();
        for (var iteration = 0; iteration < 50; iteration++)
        {
            Array.Fill(next, (1 - Damping) / n);
            var dangling = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (outWeight[i] == 0) { dangling += rank[i]; continue; }
                foreach (var (j, w) in edges[i]) next[j] += Damping * rank[i] * w / outWeight[i];
            }
            for (var j = 0; j < n; j++) next[j] += Damping * dangling / n;
            var delta = 0.0;
            for (var j = 0; j < n; j++) delta += Math.Abs(next[j] - rank[j]);
            (rank, next) = (next, rank);
            if (delta < 1e-9) break;
        }
        var max = rank.Max();
        return rank.Select(r => max > 0 ? r / max : 0).ToArray();
    }

    internal static SummaryItem Item(Candidate c, int number, string prefix = "s")
    {
        var s = c.Sentence;
        var support = c.Support
            .OrderBy(x => x.Sentence.Article.Index)
            .Select(x => new SupportingSentence(x.Sentence.Article.Outlet, SentenceAlignment.Relation(s, x.Sentence),
                Math.Round(x.Similarity, 3), x.Sentence.Evidence))
            .ToList();
        var outlets = new List<string> { s.Article.Outlet };
        foreach (var x in support)
            if (!outlets.Contains(x.Outlet)) outlets.Add(x.Outlet);
        return new SummaryItem
        {
            Id = $"{prefix}{number}",
            Text = s.Text,
            Outlet = s.Article.Outlet,
            Evidence = s.Evidence,
            Outlets = outlets,
            Support = support,
            Score = Math.Round(c.Score, 4),
        };
    }
}
