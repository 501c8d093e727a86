using System.IO.Compression;
using System.Text;

namespace Recoupe.Ingest;

/// <summary>One input as bytes: a file, standard input, or an HTTP body.</summary>
/// <param name="Name">What failures and articles name: the path, "-", or the URL.</param>
/// <param name="Open">Opens the bytes; called once.</param>
/// <param name="Length">The size when known before reading (a file), for an early and exact size failure.</param>
/// <param name="Noun">How messages call it: "file", "standard input", "response".</param>
internal sealed record ByteSource(string Name, Func<Stream> Open, long? Length, SourceHint Hint, string Noun)
{
    /// <summary>Fed over time (standard input): its head is read up to its first line, not waited on to fill.</summary>
    public bool Interactive { get; init; }
}

/// <summary>
/// The path every input takes: look at the head (gzip, binary, emptiness, format), check the size limit, then hand
/// the bytes to the reader of that format. Single articles are read whole within the limit; JSON Lines and feeds stream.
/// </summary>
internal static class SourceReader
{
    public static IEnumerable<ReadItem> Read(ByteSource source, ReadLimits limits)
    {
        using var stream = source.Open();

        var head = new byte[ContentChecks.HeadLength];
        var headLength = StreamReading.ReadHead(stream, head, head.Length, untilLine: source.Interactive);
        if (headLength == 0)
        {
            yield return Fail(source, $"{source.Noun} is empty (0 bytes)");
            yield break;
        }

        Stream body = stream;
        var gzipped = ContentChecks.IsGzip(head.AsSpan(0, headLength));
        if (gzipped)
        {
            // Corrupt gzip data surfaces here or later as InvalidDataException, which ArticleReader reports.
            // Inflated bytes are counted as they come: a small gzip member cannot inflate past the input's budget.
            var inflated = new MeteredStream(new GZipStream(new PrefixedStream(head, headLength, stream), CompressionMode.Decompress));
            if (limits.MaxInputBytes is { } budget)
                inflated.SetBudget(budget, $"decompressed content of the {source.Noun} is over the {ContentChecks.FormatLimit(budget)} limit for one input");
            body = inflated;
            head = new byte[ContentChecks.HeadLength];
            headLength = StreamReading.ReadHead(body, head, head.Length);
            if (headLength == 0)
            {
                yield return Fail(source, $"{source.Noun} is gzip with empty content");
                yield break;
            }
        }
        else if (source.Hint.Gzipped)
        {
            yield return Fail(source, $"{source.Noun} is not valid gzip data (no gzip header), though its name or type says gzip");
            yield break;
        }

        using var decompressed = gzipped ? body : null;
        var headSpan = head.AsSpan(0, headLength);
        var kind = source.Hint.Kind != SourceKind.Unknown ? source.Hint.Kind : FormatDetector.Sniff(headSpan);
        var utf16 = ContentChecks.HasUtf16Bom(headSpan);
        if (utf16 && kind == SourceKind.JsonLines)
        {
            yield return Fail(source, $"{source.Noun} is UTF-16 text; JSON Lines must be UTF-8");
            yield break;
        }
        // A JSON Lines input is checked line by line: a NUL or control byte fails its own line only.
        var jsonLines = kind == SourceKind.JsonLines && headSpan[FormatDetector.SkipBomAndWhitespace(headSpan)..] is [(byte)'{', ..];
        if (!utf16 && !jsonLines && ContentChecks.LooksBinary(headSpan, out var why))
        {
            yield return Fail(source, gzipped ? why + " after gzip decompression" : why);
            yield break;
        }

        // HTML settles its own charset (a label it does not know is passed over, as browsers do).
        Encoding? charset = null;
        if (kind != SourceKind.Html && !TextEncodings.TryResolve(source.Hint.Charset, out charset, out var charsetError))
        {
            yield return Fail(source, charsetError!);
            yield break;
        }

        var limit = limits.MaxArticleBytes;
        if (SourceHint.IsWholeFile(kind))
        {
            if (!gzipped && source.Length > limit)
            {
                yield return OverLimit(source,
                    $"{source.Noun} is {ContentChecks.FormatSize(source.Length.Value)}, over the {ContentChecks.FormatLimit(limit)} limit for one article");
                yield break;
            }
            var bytes = StreamReading.ReadAllWithin(head, headLength, body, limit);
            if (bytes is null)
            {
                var what = gzipped ? $"decompressed content of the {source.Noun}" : source.Noun;
                yield return OverLimit(source, $"{what} is over the {ContentChecks.FormatLimit(limit)} limit for one article");
                yield break;
            }
            yield return kind == SourceKind.Html
                ? HtmlArticleReader.Read(source.Name, bytes, source.Hint.Charset, source.Noun)
                : TextArticleReader.Read(source.Name, bytes, source.Noun, gzipped, charset);
            yield break;
        }

        Stream rest = new PrefixedStream(head, headLength, body);
        // JSON Lines are read as UTF-8: another declared charset is transcoded to it on the way.
        if (kind == SourceKind.JsonLines && charset is not null)
            rest = Encoding.CreateTranscodingStream(rest, charset, Encoding.UTF8);
        var items = kind == SourceKind.JsonLines
            ? JsonLinesReader.Read(source.Name, rest, limits, source.Noun)
            : FeedReader.Read(source.Name, rest, limits, charset);
        foreach (var item in items) yield return item;
    }

    private static ReadFailure Fail(ByteSource source, string error) => new(source.Name, error);

    private static ReadFailure OverLimit(ByteSource source, string error) => new(source.Name, error) { OverLimit = true };
}
