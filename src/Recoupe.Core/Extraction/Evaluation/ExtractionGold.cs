using System.Text.Json;

namespace Recoupe.Core.Extraction.Evaluation;

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

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static decimal? Dec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
