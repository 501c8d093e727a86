using System.Text.Json;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;

namespace Recoupe.Evaluation;

/// <summary>One figure of a gold pair: a document and a span. Offsets index the raw document unless <see cref="InClean"/>.</summary>
public sealed record FigureRef(string Doc, int Start, int End, bool InClean);

/// <summary>A labelled pair of gold/figure-pairs/pairs.jsonl: conflict, compatible or different (see its README).</summary>
public sealed record FigurePair(string Id, string Story, string Split, string Stratum, FigureRef A, FigureRef B, string Label);

/// <summary>An article of a gold story as the pipeline made it, with the raw document the gold offsets index (null for cleaned-text offsets).</summary>
public sealed record PairArticle(string Doc, StoredArticle Article, string? RawText);

public sealed class FigurePairScores
{
    public int Pairs { get; set; }
    public int GoldConflicts { get; set; }
    public int Predicted { get; set; }
    public int Correct { get; set; }
    /// <summary>Gold figures whose span could not be placed in the cleaned text (their pair counts as not predicted).</summary>
    public int Unplaced { get; set; }
    public double Precision => Predicted == 0 ? 1 : (double)Correct / Predicted;
    public double Recall => GoldConflicts == 0 ? 1 : (double)Correct / GoldConflicts;
    public List<string> Errors { get; } = [];
}

/// <summary>
/// Scores the digest's figure conflicts on labelled pairs: each gold story's articles are digested together, and a pair
/// is predicted a conflict when a claim of the digest lists a conflict between the two figures. Conflict precision and
/// recall, per split (dev, frozen). No I/O: the caller gives the gold lines and the articles.
/// </summary>
public static class FigurePairEvaluation
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record Line(string Id, string Story, string Split, string Stratum, RefLine A, RefLine B, string? Label);
    private sealed record RefLine(string Doc, int Start, int End, string? In);

    public static List<FigurePair> Read(IEnumerable<string> lines)
    {
        var pairs = new List<FigurePair>();
        foreach (var text in lines)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var l = JsonSerializer.Deserialize<Line>(text, Json) ?? throw new FormatException("empty pair line");
            if (l.Label is not ("conflict" or "compatible" or "different")) throw new FormatException($"pair {l.Id}: label '{l.Label}'");
            pairs.Add(new FigurePair(l.Id, l.Story, l.Split, l.Stratum, Ref(l.A), Ref(l.B), l.Label));
        }
        return pairs;
        static FigureRef Ref(RefLine r) => new(r.Doc, r.Start, r.End, r.In == "clean");
    }

    /// <summary>Scores by split ("dev", "frozen", "all"); <paramref name="storyArticles"/> gives a story's articles (null: not available, pairs skipped).</summary>
    public static IReadOnlyDictionary<string, FigurePairScores> Score(IReadOnlyList<FigurePair> pairs,
        Func<string, IReadOnlyList<PairArticle>?> storyArticles)
    {
        var scores = new SortedDictionary<string, FigurePairScores>(StringComparer.Ordinal)
        {
            ["all"] = new(), ["dev"] = new(), ["frozen"] = new(),
        };
        foreach (var story in pairs.GroupBy(p => p.Story).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var articles = storyArticles(story.Key);
            if (articles is null || articles.Count == 0) continue;
            var digest = DigestBuilder.Build(articles.Select(a => a.Article).ToList());
            var conflicts = digest.Figures.SelectMany(q => q.Claims)
                .SelectMany(c => c.Conflicts.Select(x => (A: c.Items[x.First], B: c.Items[x.Second]))).ToList();
            foreach (var pair in story)
            {
                var a = Place(pair.A, articles);
                var b = Place(pair.B, articles);
                var predicted = a is not null && b is not null && conflicts.Any(c => Is(c.A, a.Value) && Is(c.B, b.Value) || Is(c.A, b.Value) && Is(c.B, a.Value));
                var gold = pair.Label == "conflict";
                foreach (var key in new[] { "all", pair.Split })
                {
                    var s = scores[key];
                    s.Pairs++;
                    if (a is null || b is null) s.Unplaced++;
                    if (gold) s.GoldConflicts++;
                    if (predicted) s.Predicted++;
                    if (gold && predicted) s.Correct++;
                    // Errors are kept for the dev split only: the frozen split is for measuring, not for reading.
                    if ((gold != predicted || a is null || b is null) && key == "dev")
                        s.Errors.Add($"{pair.Id} {pair.Split} {pair.Story}: gold {pair.Label}, {(predicted ? "flagged" : "not flagged")} ({pair.A.Doc}:{pair.A.Start} / {pair.B.Doc}:{pair.B.Start}{(a is null || b is null ? ", unplaced" : "")})");
                }
            }
        }
        return scores;

        // an item stands for the title or lead figures that repeat it
        static bool Is(FigureItem item, (long Id, int Start, int End) at) =>
            item.ArticleId == at.Id && (Over(item.Evidence, at) || item.Repeated.Any(r => Over(r, at)));
        static bool Over(Evidence e, (long Id, int Start, int End) at) => e.Start < at.End && at.Start < e.End;
    }

    /// <summary>Where a gold figure lies in its article's cleaned text, or null when it cannot be placed.</summary>
    private static (long Id, int Start, int End)? Place(FigureRef r, IReadOnlyList<PairArticle> articles)
    {
        var article = articles.FirstOrDefault(a => a.Doc == r.Doc);
        if (article is null) return null;
        var clean = article.Article.Text;
        if (r.InClean || article.RawText is null)
            return r.End <= clean.Length ? (article.Article.Id, r.Start, r.End) : null;
        return SpanMapping.RawToClean(article.RawText, r.Start, r.End, clean) is { } span ? (article.Article.Id, span.Start, span.End) : null;
    }
}

/// <summary>
/// Places a span of a raw document in the text cleaning made of it: cleaning changes white space and drops whole
/// blocks, so the span's non-space characters, with some of their context, are searched in the cleaned text's.
/// </summary>
public static class SpanMapping
{
    public static (int Start, int End)? RawToClean(string raw, int start, int end, string clean)
    {
        if (start < 0 || end > raw.Length || end <= start) return null;
        var (rs, ri) = NonSpace(raw);
        var (cs, ci) = NonSpace(clean);
        var a = ri.FindIndex(i => i >= start);
        var b = ri.FindLastIndex(i => i < end) + 1;
        if (a < 0 || b <= a) return null;
        foreach (var (left, right) in new[] { (40, 15), (20, 8), (10, 4), (0, 0) })
        {
            var from = Math.Max(0, a - left);
            var needle = rs.Substring(from, Math.Min(rs.Length, b + right) - from);
            var at = cs.IndexOf(needle, StringComparison.Ordinal);
            if (at < 0 || cs.IndexOf(needle, at + 1, StringComparison.Ordinal) >= 0) continue;
            var k = at + (a - from);
            return (ci[k], ci[k + (b - a) - 1] + 1);
        }
        return null;
    }

    private static (string Text, List<int> Index) NonSpace(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        var index = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i])) continue;
            chars.Append(text[i]);
            index.Add(i);
        }
        return (chars.ToString(), index);
    }
}
