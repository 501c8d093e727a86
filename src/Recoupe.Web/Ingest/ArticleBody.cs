using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Recoupe.Core.Html;
using Recoupe.Ingest;

namespace Recoupe.Web.Ingest;

/// <summary>How a POSTed body is read, by its media type.</summary>
public enum BodyFormat { Text, Html, Json, JsonLines, Feed }

/// <summary>A request body the server cannot take, with the status and message to answer.</summary>
public sealed class BodyException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// Turns a POSTed body into read items with the project's readers (<see cref="ArticleReader.ReadBytes(string, byte[], string?)"/>):
/// one article (text, HTML, one JSON object) or many (a JSON array, JSON Lines, an RSS or Atom feed).
/// A bad item becomes a failure naming it; only a body that cannot be split into items at all is refused whole.
/// </summary>
public static class ArticleBody
{
    /// <summary>Media types accepted by <c>POST /api/articles</c>, and how each is read.</summary>
    public static IReadOnlyDictionary<string, BodyFormat> MediaTypes { get; } =
        new Dictionary<string, BodyFormat>(StringComparer.OrdinalIgnoreCase)
        {
            ["text/plain"] = BodyFormat.Text,
            ["text/html"] = BodyFormat.Html,
            ["application/xhtml+xml"] = BodyFormat.Html,
            ["application/json"] = BodyFormat.Json,
            ["application/x-ndjson"] = BodyFormat.JsonLines,
            ["application/ndjson"] = BodyFormat.JsonLines,
            ["application/jsonl"] = BodyFormat.JsonLines,
            ["application/x-jsonlines"] = BodyFormat.JsonLines,
            ["application/jsonlines"] = BodyFormat.JsonLines,
            ["application/rss+xml"] = BodyFormat.Feed,
            ["application/atom+xml"] = BodyFormat.Feed,
            ["application/xml"] = BodyFormat.Feed,
            ["text/xml"] = BodyFormat.Feed,
        };

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>The format of a Content-Type header, or a 415 <see cref="BodyException"/>.</summary>
    public static BodyFormat FormatOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            throw Unsupported("the request has no Content-Type");
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
            throw Unsupported($"Content-Type '{contentType}' is not a media type");
        if (!MediaTypes.TryGetValue(mediaType, out var format))
            throw Unsupported($"Content-Type '{mediaType}' is not accepted");
        return format;
    }

    /// <summary>Reads the body within <paramref name="limit"/> bytes: 413 when larger, 400 when empty.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit);
        if (!string.IsNullOrEmpty(request.Headers.ContentEncoding) &&
            !string.Equals(request.Headers.ContentEncoding, "identity", StringComparison.OrdinalIgnoreCase))
            throw new BodyException(StatusCodes.Status415UnsupportedMediaType, "Unsupported content encoding",
                $"Content-Encoding '{request.Headers.ContentEncoding}' is not accepted; send the body uncompressed");

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(chunk, cancellation).ConfigureAwait(false);
                if (read == 0) break;
                if (buffer.Length + read > limit) throw TooLarge(null, limit);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit, or a body cut short by the client.
            throw e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(null, limit)
                : new BodyException(e.StatusCode, "Bad request body", e.Message);
        }
        if (buffer.Length == 0)
            throw new BodyException(StatusCodes.Status400BadRequest, "Empty body", "the request body is empty: send one article or a batch");
        return buffer.ToArray();
    }

    /// <summary>
    /// What a body may hold once gzip content in it is inflated, all items together: the items are held at once, so
    /// a small gzip member must not inflate to gigabytes. As large as the body limit (32 MB by default).
    /// </summary>
    public const long MaxDecodedBytes = 32 * ReadLimits.Megabyte;

    /// <summary>
    /// Splits the body into items named after <paramref name="source"/> ("api#item 3", "api:line 7"), decoding text in
    /// the charset the Content-Type names. The items are read as they are taken, so the caller can count what they hold
    /// and stop (see <see cref="RequestCosts"/>). A 413 <see cref="BodyException"/> at the end when nothing could be read
    /// because a size limit was passed (an item or the whole content, counted while inflated).
    /// </summary>
    public static IEnumerable<ReadItem> Items(string source, byte[] body, BodyFormat format, string contentType)
    {
        var items = format switch
        {
            BodyFormat.Json => JsonItems(source, Utf8Body(body, contentType)),
            _ => ArticleReader.ReadBytes(source, body, contentType, ReadLimits.Default with { MaxInputBytes = MaxDecodedBytes }),
        };
        return OverLimitWhenNothingRead(items);
    }

    private static IEnumerable<ReadItem> OverLimitWhenNothingRead(IEnumerable<ReadItem> items)
    {
        var read = false;
        ReadFailure? over = null;
        foreach (var item in items)
        {
            if (item is ReadFailure failure) over ??= failure.OverLimit ? failure : null;
            else read = true;
            yield return item;
        }
        if (!read && over is not null)
            throw new BodyException(StatusCodes.Status413PayloadTooLarge, "Content too large", $"{over.Source}: {over.Error}");
    }

    /// <summary>A JSON body in another charset than UTF-8 (charset=…), transcoded to UTF-8; 415 for a charset no encoding answers to.</summary>
    private static byte[] Utf8Body(byte[] body, string contentType)
    {
        var charset = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.Charset.Value : null;
        // The readers' own resolution of charset labels, so the API and JSON Lines files agree on every label.
        if (!TextEncodings.TryResolve(charset, out var encoding, out var error)) throw Unsupported(error!);
        return encoding is null ? body : Encoding.UTF8.GetBytes(encoding.GetString(body));
    }

    /// <summary>
    /// application/json: one object (an article) or an array of objects (a batch). Each object is read as a JSON
    /// Lines line is (<see cref="ArticleReader.ReadJsonArticle"/>), so JSON bodies and JSON Lines read fields, types
    /// and failures the same way; an element that is not an article object becomes a failure for that element alone.
    /// </summary>
    private static List<ReadItem> JsonItems(string source, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new BodyException(StatusCodes.Status400BadRequest, "Malformed JSON", $"the body is not valid JSON{where}");
        }
        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return [ArticleReader.ReadJsonArticle(source, root)];
                case JsonValueKind.Array:
                    var items = new List<ReadItem>(root.GetArrayLength());
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                        items.Add(ArticleReader.ReadJsonArticle($"{source}#item {++index}", element));
                    if (items.Count == 0)
                        throw new BodyException(StatusCodes.Status400BadRequest, "Empty batch", "the JSON array has no articles");
                    return items;
                default:
                    throw new BodyException(StatusCodes.Status400BadRequest, "Not an article",
                        $"expected a JSON object (one article) or an array of objects (a batch), found a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
    }

    private static BodyException Unsupported(string detail) => new(StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type", $"{detail}; send one of: {string.Join(", ", MediaTypes.Keys)}");

    private static BodyException TooLarge(long? length, long limit) => new(StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        length is { } l
            ? $"the body is {l:N0} bytes, over the {limit:N0}-byte limit; send smaller batches"
            : $"the body is over the {limit:N0}-byte limit; send smaller batches");
}
