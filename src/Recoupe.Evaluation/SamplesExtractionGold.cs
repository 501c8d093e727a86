using System.Text;
using System.Text.Json;

namespace Recoupe.Evaluation;

/// <summary>
/// The extraction part of samples/gold.json (schema in samples/README.md): per article, quotations, figures and main
/// entities given as text snippets rather than offsets, since the article is scored after the whole pipeline cleaned it.
/// </summary>
public sealed record SampleGoldArticle
{
    public required string Id { get; init; }
    /// <summary>Path relative to the gold file's folder.</summary>
    public required string File { get; init; }
    /// <summary>1-based line of a JSON Lines record.</summary>
    public int? Line { get; init; }
    /// <summary>1-based item or entry of a feed.</summary>
    public int? Item { get; init; }
    public string? Language { get; init; }
    /// <summary>The headline; the gold annotates the article's own text, not its title.</summary>
    public string? Title { get; init; }
    public IReadOnlyList<SampleGoldQuote> Quotes { get; init; } = [];
    public IReadOnlyList<SampleGoldFigure> Figures { get; init; } = [];
    public IReadOnlyList<SampleGoldEntity> Entities { get; init; } = [];

    /// <summary>What readers append to the file's path to name this article: ":line N", "#item N", or "".</summary>
    public string SourceSuffix => Line is { } line ? $":line {line}" : Item is { } item ? $"#item {item}" : "";
}

/// <summary>Text between the marks (or the reported clause for indirect speech); kind direct|partial|indirect|not_quote.</summary>
public sealed record SampleGoldQuote(string Text, string? Speaker, string Kind);

/// <summary>The number as written, with a longer <see cref="Context"/> snippet when the text alone is ambiguous.</summary>
public sealed record SampleGoldFigure(string Text, decimal Value, string? Unit, string? Counts, string? ClaimedBy, string? Context);

public sealed record SampleGoldEntity(string Name, string Type, IReadOnlyList<string> Mentions);

/// <summary>Gold offsets over one cleaned text, and the gold snippets that text does not hold (cleaning lost them).</summary>
public sealed record AlignedGold(GoldDocument Gold, IReadOnlyList<string> NotFound);

public static class SamplesExtractionGold
{
    /// <summary>Reads the articles of a samples gold file from its contents.</summary>
    public static IReadOnlyList<SampleGoldArticle> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("articles", out var articles) || articles.ValueKind != JsonValueKind.Array)
            throw new FormatException("not a samples gold file: no \"articles\" array");
        var list = new List<SampleGoldArticle>();
        foreach (var a in articles.EnumerateArray())
        {
            var id = Str(a, "id") ?? throw new FormatException($"article {list.Count + 1} has no id");
            list.Add(new SampleGoldArticle
            {
                Id = id,
                File = Str(a, "file") ?? throw new FormatException($"article {id} has no file"),
                Line = Int(a, "line"),
                Item = Int(a, "item"),
                Language = Str(a, "language"),
                Title = Str(a, "title"),
                Quotes = Items(a, "quotes", q => new SampleGoldQuote(
                    Str(q, "text") ?? throw new FormatException($"article {id}: a quotation has no text"),
                    Str(q, "speaker"), Str(q, "kind") ?? "direct")),
                Figures = Items(a, "figures", f => new SampleGoldFigure(
                    Str(f, "text") ?? throw new FormatException($"article {id}: a figure has no text"),
                    f.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0,
                    Str(f, "unit"), Str(f, "counts"), Str(f, "claimedBy"), Str(f, "context"))),
                Entities = Items(a, "entities", e => new SampleGoldEntity(
                    Str(e, "name") ?? throw new FormatException($"article {id}: an entity has no name"),
                    Str(e, "type") ?? "person",
                    e.TryGetProperty("mentions", out var m) && m.ValueKind == JsonValueKind.Array
                        ? m.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList()
                        : [])),
            });
        }
        return list;
    }

    /// <summary>
    /// Finds each gold snippet in <paramref name="text"/> (white space runs, no-break spaces included, compare as one
    /// space) and gives it offsets. Quotation snippets prefer an occurrence between quotation marks; figures are looked
    /// for inside their context when they have one; each occurrence serves one gold item. A snippet that is not in the
    /// text gets an empty span at 0, which no prediction matches: it counts as missed.
    /// </summary>
    public static AlignedGold Align(SampleGoldArticle article, string text, IReadOnlyList<(int Start, int End)>? skip = null)
    {
        var index = new FlexibleText(text, skip ?? []);
        var notFound = new List<string>();
        var used = new HashSet<(int, int)>();

        var quotes = new List<GoldQuote>();
        foreach (var q in article.Quotes)
        {
            var marked = q.Kind != "indirect";
            var span = index.Find(q.Text, 0, text.Length, used, wantQuoteMarks: marked, wholeWords: false);
            if (span is null)
            {
                notFound.Add($"{article.Id} quotation «{q.Text}»");
                quotes.Add(new GoldQuote(0, 0, q.Kind, q.Speaker));
                continue;
            }
            used.Add(span.Value);
            quotes.Add(new GoldQuote(span.Value.Start, span.Value.End, q.Kind, q.Speaker));
        }

        var figures = new List<GoldFigure>();
        var usedFigures = new HashSet<(int, int)>();
        foreach (var f in article.Figures)
        {
            (int Start, int End)? span = null;
            if (f.Context is { } context)
            {
                // The context may occur more than once; take the first whose figure text is still free.
                foreach (var around in index.FindAll(context, 0, text.Length, wholeWords: false))
                {
                    span = index.Find(f.Text, around.Start, around.End, usedFigures, wantQuoteMarks: false, wholeWords: true);
                    if (span is not null) break;
                }
            }
            span ??= index.Find(f.Text, 0, text.Length, usedFigures, wantQuoteMarks: false, wholeWords: true);
            if (span is null)
            {
                notFound.Add($"{article.Id} figure «{f.Text}»{(f.Context is null ? "" : $" in «{f.Context}»")}");
                figures.Add(new GoldFigure(0, 0, f.Value, f.Unit ?? f.Counts, f.ClaimedBy));
                continue;
            }
            usedFigures.Add(span.Value);
            // With a unit the counts field describes the measure ("durée de la grève"); the unit is what to compare.
            figures.Add(new GoldFigure(span.Value.Start, span.Value.End, f.Value, f.Unit ?? f.Counts, f.ClaimedBy));
        }

        var gold = new GoldDocument(article.Id, quotes, figures, []) { FiguresAnnotated = true, Source = article.File };
        return new AlignedGold(gold, notFound);
    }

    private static List<T> Items<T>(JsonElement parent, string name, Func<JsonElement, T> read) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(read).ToList()
            : [];

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    /// <summary>The text with every white space run as one space, and a map back to the original offsets.</summary>
    private sealed class FlexibleText
    {
        private const string OpeningMarks = "«“\"‹„";
        private const string ClosingMarks = "»”\"›“";

        private readonly string _original;
        private readonly string _flat;
        private readonly int[] _toOriginal; // flat index → original index (one past the end for the last)
        private readonly IReadOnlyList<(int Start, int End)> _skip;

        public FlexibleText(string original, IReadOnlyList<(int Start, int End)> skip)
        {
            _original = original;
            _skip = skip;
            var flat = new StringBuilder(original.Length);
            var map = new List<int>(original.Length + 1);
            for (var i = 0; i < original.Length; i++)
            {
                if (char.IsWhiteSpace(original[i]))
                {
                    if (flat.Length > 0 && flat[^1] == ' ') continue;
                    flat.Append(' ');
                }
                else flat.Append(original[i]);
                map.Add(i);
            }
            map.Add(original.Length);
            _flat = flat.ToString();
            _toOriginal = map.ToArray();
        }

        public IEnumerable<(int Start, int End)> FindAll(string snippet, int from, int to, bool wholeWords)
        {
            var needle = Flatten(snippet);
            if (needle.Length == 0) yield break;
            var flatFrom = FlatIndex(from);
            for (var at = _flat.IndexOf(needle, flatFrom, StringComparison.Ordinal); at >= 0;
                 at = _flat.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                var start = _toOriginal[at];
                var end = _toOriginal[at + needle.Length - 1] + 1;
                if (end > to) yield break;
                if (wholeWords && !IsWordBoundary(start, end)) continue;
                if (_skip.Any(s => start < s.End && s.Start < end)) continue;
                yield return (start, end);
            }
        }

        public (int Start, int End)? Find(string snippet, int from, int to, HashSet<(int, int)> used, bool wantQuoteMarks, bool wholeWords)
        {
            (int, int)? fallback = null;
            foreach (var span in FindAll(snippet, from, to, wholeWords))
            {
                if (used.Contains(span)) continue;
                if (!wantQuoteMarks || BetweenMarks(span.Start, span.End)) return span;
                fallback ??= span;
            }
            return fallback;
        }

        private bool BetweenMarks(int start, int end)
        {
            var before = start - 1;
            while (before >= 0 && char.IsWhiteSpace(_original[before])) before--;
            var after = end;
            while (after < _original.Length && char.IsWhiteSpace(_original[after])) after++;
            return before >= 0 && after < _original.Length
                   && OpeningMarks.Contains(_original[before]) && ClosingMarks.Contains(_original[after]);
        }

        private bool IsWordBoundary(int start, int end) =>
            (start == 0 || !char.IsLetterOrDigit(_original[start - 1])) && (end >= _original.Length || !char.IsLetterOrDigit(_original[end]));

        private int FlatIndex(int original)
        {
            var index = Array.BinarySearch(_toOriginal, original);
            return index >= 0 ? index : ~index;
        }

        private static string Flatten(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text.Trim())
            {
                if (char.IsWhiteSpace(c))
                {
                    if (sb.Length > 0 && sb[^1] == ' ') continue;
                    sb.Append(' ');
                }
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
