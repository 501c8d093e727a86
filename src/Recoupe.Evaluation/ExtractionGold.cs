using System.Text.Json;

namespace Recoupe.Evaluation;

/// <summary>One annotated quote-mark pair or reported speech. Kind: direct, partial, indirect or not_quote.</summary>
public sealed record GoldQuote(int Start, int End, string Kind, string? Speaker, int? SpeakerStart = null, int? SpeakerEnd = null)
{
    /// <summary>An item in text that cleaning is expected to remove (a repeated title, an unrelated headline):
    /// neither a miss when absent nor a false alarm when found.</summary>
    public bool Optional { get; init; }
}

public sealed record GoldFigure(int Start, int End, decimal? Value, string? Counts, string? ClaimedBy)
{
    public bool Optional { get; init; }
}

public sealed record GoldEntity(int Start, int End, string Type, string Key);

/// <summary>The gold annotations of one article: offsets index <see cref="Text"/> when given, else the text the caller builds.</summary>
public sealed record GoldDocument(string Id, IReadOnlyList<GoldQuote> Quotes, IReadOnlyList<GoldFigure> Figures, IReadOnlyList<GoldEntity> Entities)
{
    /// <summary>Whether this document's figures were annotated (an empty list then means "no figures").</summary>
    public bool FiguresAnnotated { get; init; } = true;
    public bool EntitiesAnnotated { get; init; }
    /// <summary>Source reference for the text (a seed file name, a corpus id).</summary>
    public string? Source { get; init; }
}

/// <summary>One article of samples/gold.json: where it comes from, and its quotations and figures as text snippets.</summary>
public sealed record SampleGold(string Id, string File, int? Line, int? Item, string Language)
{
    public IReadOnlyList<(string Text, string Kind, string? Speaker)> Quotes { get; init; } = [];
    public IReadOnlyList<(string Text, decimal? Value, string? Counts, string? ClaimedBy, string? Context)> Figures { get; init; } = [];
}

/// <summary>Readers for the gold formats we score against. They take the file contents as strings (no I/O here).</summary>
public static class GoldFormats
{
    /// <summary>
    /// quotes-dev/gold.jsonl: one article per line with "id", "quotes" (start, end, kind, speaker, speaker_start,
    /// speaker_end) and "figures" (start, end, value, unit, claimed_by). Only ten articles have figures annotated.
    /// </summary>
    public static List<GoldDocument> ReadQuotesDev(string jsonLines)
    {
        var docs = new List<GoldDocument>();
        var lineNo = 0;
        foreach (var raw in jsonLines.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            JsonDocument json;
            try { json = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new FormatException($"quotes-dev gold line {lineNo}: {e.Message}", e); }
            using (json)
            {
                var root = json.RootElement;
                var id = root.GetProperty("id").ToString();
                var quotes = new List<GoldQuote>();
                foreach (var q in root.GetProperty("quotes").EnumerateArray())
                    quotes.Add(new GoldQuote(q.GetProperty("start").GetInt32(), q.GetProperty("end").GetInt32(), q.GetProperty("kind").GetString() ?? "direct",
                        Str(q, "speaker"), Int(q, "speaker_start"), Int(q, "speaker_end")));
                var figures = new List<GoldFigure>();
                if (root.TryGetProperty("figures", out var figs))
                    foreach (var f in figs.EnumerateArray())
                        figures.Add(new GoldFigure(f.GetProperty("start").GetInt32(), f.GetProperty("end").GetInt32(), Dec(f, "value"), Str(f, "unit"), Str(f, "claimed_by")));
                docs.Add(new GoldDocument(id, quotes, figures, []) { FiguresAnnotated = figures.Count > 0 });
            }
        }
        return docs;
    }

    /// <summary>
    /// Our seeds gold (tests/Recoupe.Tests/Gold/seeds-extract.json) and any gold in the same shape:
    /// {"documents": [{"id", "source", "quotes": [{"start","end","kind","speaker","optional"}],
    ///   "figures": [{"start","end","value","counts","claimedBy","optional"}], "entities": [{"start","end","type","key"}]}]}.
    /// Speakers and claimers are short keys ("poutine", "ministere-russe-defense"); offsets index the raw file.
    /// </summary>
    public static List<GoldDocument> ReadGeneric(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var list = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("documents");
        var docs = new List<GoldDocument>();
        foreach (var d in list.EnumerateArray())
        {
            var id = d.GetProperty("id").ToString();
            var quotes = new List<GoldQuote>();
            if (d.TryGetProperty("quotes", out var qs))
                foreach (var q in qs.EnumerateArray())
                    quotes.Add(new GoldQuote(q.GetProperty("start").GetInt32(), q.GetProperty("end").GetInt32(), Str(q, "kind") ?? "direct",
                        Str(q, "speaker"), Int(q, "speakerStart") ?? Int(q, "speaker_start"), Int(q, "speakerEnd") ?? Int(q, "speaker_end"))
                        { Optional = Bool(q, "optional") });
            var figures = new List<GoldFigure>();
            var figuresAnnotated = d.TryGetProperty("figures", out var fs);
            if (figuresAnnotated)
                foreach (var f in fs.EnumerateArray())
                    figures.Add(new GoldFigure(f.GetProperty("start").GetInt32(), f.GetProperty("end").GetInt32(), Dec(f, "value"),
                        Str(f, "counts") ?? Str(f, "unit"), Str(f, "claimedBy") ?? Str(f, "claimed_by")) { Optional = Bool(f, "optional") });
            var entities = new List<GoldEntity>();
            var entitiesAnnotated = d.TryGetProperty("entities", out var es);
            if (entitiesAnnotated)
                foreach (var e in es.EnumerateArray())
                    entities.Add(new GoldEntity(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32(), Str(e, "type") ?? "person", Str(e, "key") ?? ""));
            docs.Add(new GoldDocument(id, quotes, figures, entities)
            {
                FiguresAnnotated = figuresAnnotated, EntitiesAnnotated = entitiesAnnotated, Source = Str(d, "source"),
            });
        }
        return docs;
    }

    /// <summary>samples/gold.json (schema in samples/README.md): quotations and figures as snippets of each article's text.</summary>
    public static List<SampleGold> ReadSamples(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<SampleGold>();
        foreach (var a in doc.RootElement.GetProperty("articles").EnumerateArray())
        {
            var quotes = new List<(string, string, string?)>();
            if (a.TryGetProperty("quotes", out var qs) && qs.ValueKind == JsonValueKind.Array)
                foreach (var q in qs.EnumerateArray())
                    quotes.Add((Str(q, "text") ?? "", (Str(q, "kind") ?? "direct").Replace("-", "_"), Str(q, "speaker")));
            var figures = new List<(string, decimal?, string?, string?, string?)>();
            if (a.TryGetProperty("figures", out var fs) && fs.ValueKind == JsonValueKind.Array)
                foreach (var f in fs.EnumerateArray())
                    figures.Add((Str(f, "text") ?? "", Dec(f, "value"), Str(f, "counts") ?? Str(f, "unit"), Str(f, "claimedBy"), Str(f, "context")));
            list.Add(new SampleGold(a.GetProperty("id").GetString()!, Str(a, "file") ?? "", Int(a, "line"), Int(a, "item"), Str(a, "language") ?? "fr")
            {
                Quotes = quotes, Figures = figures,
            });
        }
        return list;
    }

    /// <summary>
    /// Places a sample's snippets in the text of the document built from it (white space runs compared as one space,
    /// each snippet searched after the previous one of its kind, then from the start). Snippets the text does not hold
    /// (cleaning dropped or changed them) are counted in <paramref name="unplaced"/> and left out.
    /// </summary>
    public static GoldDocument Locate(SampleGold sample, string text, out int unplaced)
    {
        var (flat, map) = Flatten(text);
        unplaced = 0;
        var quotes = new List<GoldQuote>();
        var from = 0;
        foreach (var (snippet, kind, speaker) in sample.Quotes)
        {
            var at = Find(flat, snippet, ref from);
            if (at is not { } range) { unplaced++; continue; }
            quotes.Add(new GoldQuote(map[range.Start], map[range.End - 1] + 1, kind, speaker));
        }
        var figures = new List<GoldFigure>();
        from = 0;
        foreach (var (snippet, value, counts, claimedBy, context) in sample.Figures)
        {
            var searchFrom = from;
            int start;
            if (context is not null && Find(flat, context, ref searchFrom) is { } c && Flatten(context).Flat.IndexOf(Flatten(snippet).Flat, StringComparison.Ordinal) is var inner and >= 0)
                start = c.Start + inner;
            else if (Find(flat, snippet, ref from) is { } r) start = r.Start;
            else { unplaced++; continue; }
            var length = Flatten(snippet).Flat.Length;
            figures.Add(new GoldFigure(map[start], map[start + length - 1] + 1, value, counts, claimedBy));
        }
        return new GoldDocument(sample.Id, quotes, figures, []) { Source = sample.File };
    }

    private static (int Start, int End)? Find(string flat, string snippet, ref int from)
    {
        var needle = Flatten(snippet).Flat;
        if (needle.Length == 0) return null;
        var at = flat.IndexOf(needle, Math.Min(from, flat.Length), StringComparison.Ordinal);
        if (at < 0) at = flat.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0) return null;
        from = at + needle.Length;
        return (at, at + needle.Length);
    }

    /// <summary>The text with each run of white space as one space, and for each of its characters the offset in the original.</summary>
    private static (string Flat, int[] Map) Flatten(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (space || sb.Length == 0) continue;
                space = true;
                sb.Append(' ');
                map.Add(i);
                continue;
            }
            space = false;
            sb.Append(text[i]);
            map.Add(i);
        }
        return (sb.ToString(), map.ToArray());
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static decimal? Dec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
