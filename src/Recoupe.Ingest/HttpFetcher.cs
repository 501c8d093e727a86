using System.Net;
using System.Net.Http.Headers;

namespace Recoupe.Ingest;

/// <summary>
/// Downloads one http/https URL within a time limit and a size limit, and tells the format from the Content-Type,
/// then from the URL's file name, then (for generic types) by sniffing the body.
/// </summary>
internal static class HttpFetcher
{
    private static readonly HttpClient Client = CreateClient();

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // each call has its own deadline
        client.DefaultRequestHeaders.UserAgent.ParseAdd(RecoupeUserAgent.Value); // the same name as the watcher gives
        client.DefaultRequestHeaders.Accept.ParseAdd(
            "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, application/x-ndjson;q=0.9, text/plain;q=0.8, */*;q=0.5");
        return client;
    }

    public static bool IsHttpUrl(string input, out Uri uri)
    {
        uri = null!;
        if (!input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !input.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return false;
        if (!Uri.TryCreate(input, UriKind.Absolute, out var parsed)) return false;
        uri = parsed;
        return true;
    }

    public static IEnumerable<ReadItem> Read(string url, Uri uri, ReadLimits limits)
    {
        var (body, contentType, error) = Download(uri, limits).GetAwaiter().GetResult();
        if (error is not null) return [new ReadFailure(url, error)];
        var hint = HintFor(uri, contentType);
        var source = new ByteSource(url, () => new MemoryStream(body!, writable: false), body!.LongLength, hint, "response");
        return SourceReader.Read(source, limits);
    }

    /// <summary>
    /// A specific Content-Type decides; a generic one defers to the URL's extension, then text/plain means text, else sniff.
    /// Gzip is not required even when announced: the transport may already have removed it (Content-Encoding).
    /// </summary>
    internal static SourceHint HintFor(Uri uri, string? contentType) => Decide(uri, contentType) with { Gzipped = false };

    private static SourceHint Decide(Uri uri, string? contentType)
    {
        var fromType = FormatDetector.FromContentType(contentType, out _);
        if (fromType.Kind != SourceKind.Unknown) return fromType;
        var fromName = FormatDetector.FromFileName(Uri.UnescapeDataString(uri.AbsolutePath), out var known);
        if (known && fromName.Kind != SourceKind.Unknown) return fromName with { Charset = fromType.Charset };
        if (FormatDetector.IsPlainTextMediaType(contentType)) return fromType with { Kind = SourceKind.Text };
        return fromType;
    }

    private static async Task<(byte[]? Body, string? ContentType, string? Error)> Download(Uri uri, ReadLimits limits)
    {
        using var deadline = new CancellationTokenSource(limits.HttpTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return (null, null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            var limit = limits.MaxDownloadBytes;
            var declared = response.Content.Headers.ContentLength;
            if (declared > limit)
                return (null, null, $"response is {ContentChecks.FormatSize(declared.Value)}, over the {ContentChecks.FormatLimit(limit)} download limit");

            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + n > limit)
                    return (null, null, $"response is over the {ContentChecks.FormatLimit(limit)} download limit");
                body.Write(buffer, 0, n);
            }
            return (body.ToArray(), response.Content.Headers.ContentType?.ToString(), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (null, null, $"no complete response within {limits.HttpTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, null, $"HTTP request failed: {ex.Message}");
        }
        catch (IOException ex)
        {
            return (null, null, $"HTTP transfer failed: {ex.Message}");
        }
    }
}
