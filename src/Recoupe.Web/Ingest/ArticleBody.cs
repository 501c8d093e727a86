using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
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

    // One article per line, accents kept readable in the stored raw input.
    private static readonly JsonWriterOptions LineOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
    /// Splits the body into items named after <paramref name="source"/> ("api#item 3", "api:line 7"), read as they are
    /// taken, so the caller can count what they hold and stop (see <see cref="RequestCosts"/>).
    /// </summary>
    public static IEnumerable<ReadItem> Items(string source, byte[] body, BodyFormat format, string contentType) => format switch
    {
        BodyFormat.Json => JsonItems(source, body),
        _ => ArticleReader.ReadBytes(source, body, contentType),
    };

    /// <summary>
    /// application/json: one object (an article) or an array of objects (a batch). Each object goes through the JSON
    /// Lines reader as one line, so JSON bodies and JSON Lines read fields the same way; an element that is not an
    /// article object becomes a failure for that element alone.
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
                    return [ReadOne(source, root)];
                case JsonValueKind.Array:
                    var items = new List<ReadItem>(root.GetArrayLength());
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                        items.Add(ReadOne($"{source}#item {++index}", element));
                    if (items.Count == 0)
                        throw new BodyException(StatusCodes.Status400BadRequest, "Empty batch", "the JSON array has no articles");
                    return items;
                default:
                    throw new BodyException(StatusCodes.Status400BadRequest, "Not an article",
                        $"expected a JSON object (one article) or an array of objects (a batch), found a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
    }

    private static ReadItem ReadOne(string name, JsonElement element)
    {
        using var line = new MemoryStream();
        using (var writer = new Utf8JsonWriter(line, LineOptions)) element.WriteTo(writer);
        var item = ArticleReader.ReadBytes(name, line.ToArray(), "application/x-ndjson").FirstOrDefault()
                   ?? new ReadFailure(name, "no article in this element");
        // The reader names the one line it read ("name:line 1"); the element's own name says more.
        return item switch
        {
            ReadArticle article => new ReadArticle(article.Article with { Source = name }),
            ReadFailure failure => failure with { Source = name },
            _ => item,
        };
    }

    private static BodyException Unsupported(string detail) => new(StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type", $"{detail}; send one of: {string.Join(", ", MediaTypes.Keys)}");

    private static BodyException TooLarge(long? length, long limit) => new(StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        length is { } l
            ? $"the body is {l:N0} bytes, over the {limit:N0}-byte limit; send smaller batches"
            : $"the body is over the {limit:N0}-byte limit; send smaller batches");
}
