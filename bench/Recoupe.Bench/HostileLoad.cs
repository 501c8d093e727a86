using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Recoupe.Bench;

/// <summary>What the hostile load does: normal writers beside hostile clients, for a while.</summary>
/// <param name="NormalBatches">JSON Lines bodies the normal writers POST in turn (real articles).</param>
/// <param name="InflatedBytes">What each gzip bomb inflates to.</param>
/// <param name="NestingDepth">Depth of the deeply nested JSON and XML bodies.</param>
/// <param name="HugeBodyBytes">Size of the "huge body" (over the server's request limit: it must be refused, not read).</param>
/// <param name="OneItemBomb">Also send a gzipped feed whose one item inflates to <paramref name="InflatedBytes"/> (bounded only by the readers' own streaming limit).</param>
public sealed record HostileLoadOptions(
    IReadOnlyList<string> NormalBatches,
    int NormalWriters = 2,
    int HostileClients = 8,
    TimeSpan? Duration = null,
    long InflatedBytes = 1L << 30,
    int NestingDepth = 100_000,
    long HugeBodyBytes = 33L << 20,
    bool OneItemBomb = false);

/// <summary>Figures of one hostile load run.</summary>
public sealed record HostileLoadResult(
    int NormalRequests, int NormalRetries, IReadOnlyList<string> NormalErrors,
    IReadOnlyDictionary<string, SortedDictionary<string, int>> HostileOutcomes,
    long PeakWorkingSetBytes, TimeSpan Elapsed);

/// <summary>
/// Load with hostile requests against a running server (another process, so its peak memory is its own): normal
/// writers POST real articles in JSON Lines batches (retrying, as a client should, on 429/503 with Retry-After) while
/// hostile clients send, round after round, gzip bombs (Content-Encoding: gzip, gzipped JSON Lines and feeds), deeply
/// nested JSON and XML, a body over the size limit and a slow drip. Shared by <c>bench/load --hostile</c> and a CI test.
/// </summary>
public static class HostileLoad
{
    private const int MaxAttempts = 20;

    public static async Task<HostileLoadResult> RunAsync(Uri server, int serverPid, HostileLoadOptions options)
    {
        var duration = options.Duration ?? TimeSpan.FromSeconds(60);
        var kinds = HostileKinds(options);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(3),
        };
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);

        var normalErrors = new ConcurrentBag<string>();
        var normalRequests = 0;
        var normalRetries = 0;
        var next = -1;
        var normal = Enumerable.Range(0, options.NormalWriters).Select(_ => Task.Run(async () =>
        {
            // Each writer goes on until the time is up, and sends at least one batch.
            do
            {
                var batch = options.NormalBatches[(int)((uint)Interlocked.Increment(ref next) % options.NormalBatches.Count)];
                Interlocked.Increment(ref normalRequests);
                var (error, retries) = await PostNormal(http, batch);
                Interlocked.Add(ref normalRetries, retries);
                if (error is not null) normalErrors.Add(error);
            } while (!stop.IsCancellationRequested);
        })).ToList();

        var outcomes = new ConcurrentDictionary<(string Kind, string Outcome), int>();
        var hostile = Enumerable.Range(0, options.HostileClients).Select(client => Task.Run(async () =>
        {
            for (var round = client; !stop.IsCancellationRequested; round++)
            {
                var kind = kinds[round % kinds.Count];
                var outcome = await SendHostile(http, kind, stop.Token);
                outcomes.AddOrUpdate((kind.Name, outcome), 1, (_, n) => n + 1);
            }
        })).ToList();

        await Task.WhenAll(normal.Concat(hostile));
        var elapsed = clock.Elapsed;
        var byKind = outcomes.GroupBy(o => o.Key.Kind).ToDictionary(g => g.Key,
            g => new SortedDictionary<string, int>(g.ToDictionary(o => o.Key.Outcome, o => o.Value), StringComparer.Ordinal), StringComparer.Ordinal);
        return new HostileLoadResult(normalRequests, normalRetries, normalErrors.ToList(), byKind, PeakWorkingSet(serverPid), elapsed);
    }

    /// <summary>The kernel's high-water mark of the process's resident memory (VmHWM), in bytes.</summary>
    public static long PeakWorkingSet(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return -1;
    }

    private static async Task<(string? Error, int Retries)> PostNormal(HttpClient http, string batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(batch));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync("/api/articles", content);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK) return (null, attempt - 1);
                var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
                if (!retryable || attempt == MaxAttempts)
                    return ($"{(int)response.StatusCode} after {attempt} attempt(s): {body[..Math.Min(300, body.Length)]}", attempt - 1);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return ($"{e.GetType().Name}: {e.Message}", attempt - 1);
            }
        }
    }

    private sealed record HostileKind(string Name, Func<HttpRequestMessage> Request);

    private static async Task<string> SendHostile(HttpClient http, HostileKind kind, CancellationToken stop)
    {
        try
        {
            using var request = kind.Request();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (TaskCanceledException)
        {
            return "no answer in time";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The server may answer and close before a hostile body is all sent: the connection ends, which is fine.
            return "connection closed";
        }
    }

    private static List<HostileKind> HostileKinds(HostileLoadOptions options)
    {
        var kinds = new List<HostileKind>();
        var zeros = Gzip(options.InflatedBytes, _ => "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        kinds.Add(new("gzip Content-Encoding", () => Request(zeros, "text/plain", encoding: "gzip")));

        // Many articles, each well under the per-article limit: only the request's own budget stops them.
        const int perItem = 4 << 20;
        var words = string.Concat(Enumerable.Repeat("le conseil vote un budget pour les écoles ", perItem / 44));
        var lines = Gzip(options.InflatedBytes, i => $"{{\"title\":\"Bombe {i}\",\"text\":\"{words}\"}}\n");
        kinds.Add(new("gzipped JSON Lines", () => Request(lines, "application/x-ndjson")));
        var feed = Gzip(options.InflatedBytes, i => i == 0
            ? "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>b</title>"
            : $"<item><title>Bombe {i}</title><link>https://b.example/{i}</link><description>{words}</description></item>", "</channel></rss>");
        kinds.Add(new("gzipped feed", () => Request(feed, "application/rss+xml")));
        if (options.OneItemBomb)
        {
            var one = Gzip(options.InflatedBytes, i => i == 0
                ? "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>b</title><item><title>Bombe</title><description>"
                : words, "</description></item></channel></rss>");
            kinds.Add(new("gzipped feed, one item", () => Request(one, "application/rss+xml")));
        }

        var depth = options.NestingDepth;
        var deepJson = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
        kinds.Add(new("nested JSON", () => Request(deepJson, "application/json")));
        var deepLine = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        kinds.Add(new("nested JSON line", () => Request(deepLine, "application/x-ndjson")));
        var deepXml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</title><description>" +
            string.Concat(Enumerable.Repeat("<a>", depth)) + "texte" + string.Concat(Enumerable.Repeat("</a>", depth)) +
            "</description></item></channel></rss>");
        kinds.Add(new("nested XML", () => Request(deepXml, "application/rss+xml")));

        var huge = new byte[options.HugeBodyBytes];
        Array.Fill(huge, (byte)'a');
        kinds.Add(new("huge body", () => Request(huge, "text/plain")));
        kinds.Add(new("slow drip", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = new SlowContent(1 << 20) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            return request;
        }));
        return kinds;
    }

    private static HttpRequestMessage Request(byte[] body, string mediaType, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        return new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = content };
    }

    /// <summary>Gzips the parts (part 0, 1, 2, … until <paramref name="bytes"/> are written, then <paramref name="end"/>).</summary>
    private static byte[] Gzip(long bytes, Func<int, string> part, string end = "")
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var written = 0L;
            var cache = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; written < bytes; i++)
            {
                var text = part(i);
                if (!cache.TryGetValue(text, out var chunk)) cache[text] = chunk = Encoding.UTF8.GetBytes(text);
                if (cache.Count > 64) cache.Clear();
                gzip.Write(chunk);
                written += chunk.Length;
            }
            gzip.Write(Encoding.UTF8.GetBytes(end));
        }
        return output.ToArray();
    }

    /// <summary>A body that declares its length and sends a kilobyte a second.</summary>
    private sealed class SlowContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('a', 1024));
            for (var sent = 0L; sent < length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                await Task.Delay(1000);
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }
}
