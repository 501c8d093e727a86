using System.Text;
using System.Text.Json;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>
/// JSON Lines: one article per line, streamed. A bad line becomes a failure naming "path:line N" and the lines
/// after it are still read.
/// </summary>
internal static class JsonLinesReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    public static IEnumerable<ReadItem> Read(string source, Stream stream, ReadLimits limits, string noun)
    {
        var articles = 0;
        var failures = 0;
        var lines = 0;
        foreach (var line in LineSplitter.Split(stream, limits.MaxArticleBytes))
        {
            lines++;
            var lineSource = $"{source}:line {line.Number}";
            if (line.IsTooLong)
            {
                failures++;
                yield return new ReadFailure(lineSource,
                    $"line is {ContentChecks.FormatSize(line.TooLongLength)}, over the {ContentChecks.FormatLimit(limits.MaxArticleBytes)} limit for one article")
                    { OverLimit = true };
                continue;
            }
            var item = ReadLine(lineSource, line);
            if (item is null) continue;
            if (item is ReadArticle) articles++; else failures++;
            yield return item;
        }
        if (articles == 0 && failures == 0)
            yield return new ReadFailure(source, lines > 0 ? $"{noun} is empty (only whitespace)" : $"{noun} is empty (0 bytes)");
    }

    /// <summary>An article, a failure, or null for a blank line.</summary>
    private static ReadItem? ReadLine(string lineSource, ByteLine line)
    {
        var bytes = line.Bytes.Span;
        var offset = line.Offset;
        if (line.Number == 1 && bytes.StartsWith(ContentChecks.Utf8Bom))
        {
            bytes = bytes[3..];
            offset += 3;
        }
        if (!bytes.IsEmpty && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        if (bytes.Trim(" \t\r\f"u8).IsEmpty) return null;

        var utf8Error = ContentChecks.TryDecodeUtf8(bytes, offset, out var raw);
        if (utf8Error is not null) return new ReadFailure(lineSource, utf8Error);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.Bytes.Slice((int)(offset - line.Offset), bytes.Length), ParseOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.BytePositionInLine is long column ? $" at column {column + 1}" : "";
            return new ReadFailure(lineSource, $"malformed JSON{where}: {FirstSentence(ex.Message)}");
        }
        using (document) return FromObject(lineSource, document.RootElement, raw);
    }

    /// <summary>One article from a parsed JSON value (a line, or an element of an API body): a failure naming why when it is none.</summary>
    internal static ReadItem FromObject(string source, JsonElement root, string raw)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new ReadFailure(source, $"expected a JSON object for one article, found a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
        SourceFields fields;
        try
        {
            fields = JsonArticleFields.From(root);
        }
        catch (JsonFieldException ex)
        {
            return new ReadFailure(source, ex.Message);
        }
        if (string.IsNullOrEmpty(fields.Body) && string.IsNullOrEmpty(fields.Lead) && string.IsNullOrEmpty(fields.Title))
            return new ReadFailure(source,
                "no article text: none of title, text/body/content or heading/lead/description/summary has a value");
        return new ReadArticle(new RawArticle { Source = source, Format = InputFormat.JsonLines, Raw = raw, Fields = fields });
    }

    /// <summary>System.Text.Json messages carry a path and positions after the first sentence; the column is given apart.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
