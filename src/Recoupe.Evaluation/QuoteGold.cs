using System.Text.Json;

namespace Recoupe.Evaluation;

/// <summary>
/// One pair of quotation marks of the quotation gold (gold/quotes/README.md): the text between the marks, its kind
/// (direct, partial, not-quote) and whose words they are.
/// </summary>
public sealed record QuoteGoldSpan(int Start, int End, string Kind, string? Speaker, string? SpeakerKind, int? SpeakerStart, int? SpeakerEnd)
{
    public bool IsQuotation => Kind is QuoteGold.Direct or QuoteGold.Partial;

    /// <summary>The source lost the closing mark ("unclosed": true in the gold): only an opening mark is checked.</summary>
    public bool Unclosed { get; init; }
}

/// <summary>A reported-speech clause without quotation marks, with its cue ("a annoncé que", "selon", "said").</summary>
public sealed record QuoteGoldReported(int Start, int End, string? Speaker, string? SpeakerKind, int? CueStart, int? CueEnd);

/// <summary>One reader's annotations of one document, with where they were read from (file and line).</summary>
public sealed record QuoteGoldDocument(string Set, string Id, string Reader, IReadOnlyList<QuoteGoldSpan> Spans, IReadOnlyList<QuoteGoldReported> Reported)
{
    public required string File { get; init; }
    public int Line { get; init; }
}

/// <summary>One row of gold/quotes/selection.tsv: a document, its rank in hash order, its split and its readers.</summary>
public sealed record QuoteGoldSelection(string Set, string Id, int Rank, string Split, string PrimaryReader, string? SecondReader);

/// <summary>What a gold file held: the documents that passed the checks, and one line per problem (file:line: what).</summary>
public sealed record QuoteGoldRead(IReadOnlyList<QuoteGoldDocument> Documents, IReadOnlyList<string> Problems);

/// <summary>
/// Reads the quotation gold of gold/quotes (JSON Lines, one document per line) and checks it against the documents it
/// annotates: offsets inside the text, every span between quotation marks, kinds and speaker kinds from the protocol.
/// A document with a problem is left out and the problem named by file and line. No I/O: the caller gives the
/// contents and a way to build each document's text.
/// </summary>
public static class QuoteGold
{
    public const string Direct = "direct";
    public const string Partial = "partial";
    public const string NotQuote = "not-quote";
    public const string FrozenSplit = "frozen";
    public const string TuneSplit = "tune";

    private static readonly HashSet<string> Kinds = [Direct, Partial, NotQuote];
    private static readonly HashSet<string> SpeakerKinds = ["person", "organisation", "anonymous", "outlet"];

    /// <summary>Quotation marks a span may sit between (opening or closing, any typographic tradition).</summary>
    public static bool IsQuotationMark(char c) => c is '«' or '»' or '"' or '“' or '”' or '„' or '‟' or '‘' or '’' or '\'' or '‹' or '›' or '‚' or '「' or '」';

    /// <summary>The set a gold file holds, from its name: "fr-news.a.jsonl" and "second-reader.fr-news.jsonl" hold fr-news.</summary>
    public static string SetOfFile(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (name.StartsWith("second-reader.", StringComparison.Ordinal)) name = name["second-reader.".Length..];
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    public static bool IsSecondReaderFile(string fileName) => Path.GetFileName(fileName).StartsWith("second-reader.", StringComparison.Ordinal);

    public static IReadOnlyList<QuoteGoldSelection> ReadSelection(string tsv)
    {
        var rows = new List<QuoteGoldSelection>();
        foreach (var raw in tsv.Split('\n'))
        {
            var cells = raw.TrimEnd('\r').Split('\t');
            if (cells.Length < 5 || cells[0] == "set" || !int.TryParse(cells[2], out var rank)) continue;
            rows.Add(new QuoteGoldSelection(cells[0], cells[1], rank, cells[3], cells[4], cells.Length > 5 && cells[5].Length > 0 ? cells[5] : null));
        }
        return rows;
    }

    /// <summary>
    /// Reads one gold file. <paramref name="textOf"/> gives a document's text from its id (null when the document
    /// cannot be built: the line is then reported and left out).
    /// </summary>
    public static QuoteGoldRead Read(string fileName, string jsonLines, Func<string, string?> textOf)
    {
        var set = SetOfFile(fileName);
        var name = Path.GetFileName(fileName);
        var documents = new List<QuoteGoldDocument>();
        var problems = new List<string>();
        var lineNo = 0;
        foreach (var raw in jsonLines.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var where = $"{name}:{lineNo}";
            try
            {
                using var json = JsonDocument.Parse(line);
                var document = ReadDocument(json.RootElement, set, name, lineNo);
                var text = textOf(document.Id);
                if (text is null) { problems.Add($"{where}: document {document.Id} of {set} not found"); continue; }
                var before = problems.Count;
                Check(document, text, where, problems);
                if (problems.Count == before) documents.Add(document);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problems.Add($"{where}: {e.Message}");
            }
        }
        return new QuoteGoldRead(documents, problems);
    }

    private static QuoteGoldDocument ReadDocument(JsonElement root, string set, string file, int line)
    {
        var id = root.GetProperty("id").ToString();
        var spans = new List<QuoteGoldSpan>();
        if (root.TryGetProperty("spans", out var s) && s.ValueKind == JsonValueKind.Array)
            foreach (var q in s.EnumerateArray())
                spans.Add(new QuoteGoldSpan(q.GetProperty("start").GetInt32(), q.GetProperty("end").GetInt32(), Str(q, "kind") ?? "",
                    Str(q, "speaker"), Str(q, "speaker_kind"), Int(q, "speaker_start"), Int(q, "speaker_end"))
                    { Unclosed = q.TryGetProperty("unclosed", out var u) && u.ValueKind == JsonValueKind.True });
        var reported = new List<QuoteGoldReported>();
        if (root.TryGetProperty("reported", out var r) && r.ValueKind == JsonValueKind.Array)
            foreach (var q in r.EnumerateArray())
                reported.Add(new QuoteGoldReported(q.GetProperty("start").GetInt32(), q.GetProperty("end").GetInt32(),
                    Str(q, "speaker"), Str(q, "speaker_kind"), Int(q, "cue_start"), Int(q, "cue_end")));
        return new QuoteGoldDocument(set, id, Str(root, "reader") ?? "", spans, reported) { File = file, Line = line };
    }

    /// <summary>The protocol's rules a document must keep; each broken one is a problem naming the span.</summary>
    private static void Check(QuoteGoldDocument d, string text, string where, List<string> problems)
    {
        bool InText(int start, int end) => 0 <= start && start <= end && end <= text.Length;
        foreach (var s in d.Spans)
        {
            var what = $"{where}: span {s.Start}-{s.End} ({s.Kind})";
            if (!InText(s.Start, s.End)) { problems.Add($"{what}: outside the document ({text.Length} characters)"); continue; }
            if (!Kinds.Contains(s.Kind)) problems.Add($"{what}: kind must be {string.Join(", ", Kinds)}");
            if (!(s.Unclosed ? AfterMark(text, s.Start) : BetweenMarks(text, s.Start, s.End)))
                problems.Add($"{what}: not between quotation marks (before: {Shown(text, s.Start - 1)}, after: {Shown(text, s.End)})");
            if (s.Kind == NotQuote && s.Speaker is not null) problems.Add($"{what}: a not-quote has no speaker");
            if (s.SpeakerKind is not null && !SpeakerKinds.Contains(s.SpeakerKind)) problems.Add($"{what}: speaker_kind must be {string.Join(", ", SpeakerKinds)} or null");
            if (s.SpeakerStart is { } a && s.SpeakerEnd is { } b && !InText(a, b)) problems.Add($"{what}: speaker mention {a}-{b} outside the document");
        }
        foreach (var r in d.Reported)
        {
            var what = $"{where}: reported {r.Start}-{r.End}";
            if (!InText(r.Start, r.End) || r.End == r.Start) problems.Add($"{what}: empty or outside the document");
            if (r.CueStart is { } a && r.CueEnd is { } b && !InText(a, b)) problems.Add($"{what}: cue {a}-{b} outside the document");
        }
    }

    /// <summary>A quotation mark right before the span and right after it (white space between allowed, as « … » has).</summary>
    public static bool BetweenMarks(string text, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && char.IsWhiteSpace(text[before]) && start - before <= 2) before--;
        var after = end;
        while (after < text.Length && char.IsWhiteSpace(text[after]) && after - end < 2) after++;
        if (before < 0 || after >= text.Length) return false;
        // (the fr-news corpus writes some quotation marks as +…+)
        return IsQuotationMark(text[before]) && IsQuotationMark(text[after]) || text[before] == '+' && text[after] == '+';
    }

    /// <summary>A quotation mark right before the span (white space between allowed): a quotation whose closing mark the source lost.</summary>
    public static bool AfterMark(string text, int start)
    {
        var before = start - 1;
        while (before >= 0 && char.IsWhiteSpace(text[before]) && start - before <= 2) before--;
        return before >= 0 && (IsQuotationMark(text[before]) || text[before] == '+');
    }

    private static string Shown(string text, int at) => at < 0 || at >= text.Length ? "nothing" : $"'{text[at]}'";

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
