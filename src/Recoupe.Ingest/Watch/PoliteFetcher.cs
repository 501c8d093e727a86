using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;

namespace Recoupe.Ingest.Watch;

/// <summary>How the fetcher behaves towards the sites it reads.</summary>
public sealed record FetchOptions
{
    public const string ProjectUrl = RecoupeUserAgent.ProjectUrl;

    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string ProductToken = RecoupeUserAgent.ProductToken;

    public static string DefaultUserAgent => RecoupeUserAgent.Value;

    public string UserAgent { get; init; } = DefaultUserAgent;
    /// <summary>Least time between the end of one request to a host and the start of the next (robots.txt's Crawl-delay when larger).</summary>
    public TimeSpan MinDelayPerHost { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Time for one request, from sending it to the last byte of the body (real time: it guards against real sockets).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Largest body, counted after gzip/brotli inflation.</summary>
    public long MaxBytes { get; init; } = ReadLimits.Default.MaxArticleBytes;
    public int MaxRedirects { get; init; } = 5;
    public TimeSpan RobotsLifetime { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Longest wait a Retry-After is taken at its word for.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(6);
    /// <summary>
    /// A host not asked for this long, with nothing in flight, no delay or Retry-After still running, is forgotten
    /// (its robots.txt is fetched again if it comes back). As long as the longest poll backoff and Retry-After (6 h),
    /// so a watched source's host keeps its robots.txt between polls.
    /// </summary>
    public TimeSpan HostIdleLifetime { get; init; } = TimeSpan.FromHours(6);
}

public enum FetchStatus { Ok, NotModified, Failed, Disallowed }

/// <summary>
/// What one fetch gave. <see cref="Url"/> is where the body came from after redirects; <see cref="Transient"/> says a
/// failure may go away (5xx, 429, a timeout, a network error) as opposed to one that will not (404, a size limit).
/// </summary>
public sealed record FetchResult(FetchStatus Status, Uri Url, byte[]? Body = null, string? ContentType = null,
    string? ETag = null, string? LastModified = null, int? HttpStatus = null, string? Error = null, DateTimeOffset? RetryAfter = null)
{
    public bool Transient => Status == FetchStatus.Failed && (HttpStatus is null or >= 500 or 429 or 408);
}

/// <summary>Counts since the fetcher was made.</summary>
public sealed class FetchStats
{
    internal long _requests, _notModified, _bytes, _disallowed, _failed;
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Conditional requests answered 304: bodies not downloaded again.</summary>
    public long NotModified => Interlocked.Read(ref _notModified);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Disallowed => Interlocked.Read(ref _disallowed);
    public long Failed => Interlocked.Read(ref _failed);
}

/// <summary>
/// Fetches for the watcher, politely: robots.txt obeyed for our user agent, one request at a time per host with a
/// minimum delay between them, 429/503 Retry-After honoured per host, conditional GET, gzip/brotli, redirects followed
/// by hand (each hop checked against robots.txt, loops and the hop limit stopped), and a time and size limit on each
/// body. The clock and the HTTP handler are injected so a simulated web and clock can drive it.
/// </summary>
public sealed class PoliteFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _clock;
    private readonly FetchOptions _options;
    // Every host in use or used within HostIdleLifetime: a watcher that follows links to many sites forgets the idle
    // ones (Lease and the sweep run under one lock, so a state is never dropped between its lookup and its use).
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _nextSweep;

    public PoliteFetcher(HttpMessageHandler handler, TimeProvider clock, FetchOptions? options = null)
    {
        _clock = clock;
        _options = options ?? new FetchOptions();
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>A fetcher over the network: no automatic redirects or decompression (both are done here, under the limits).</summary>
    public static PoliteFetcher ForNetwork(TimeProvider? clock = null, FetchOptions? options = null) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    }, clock ?? TimeProvider.System, options);

    public FetchStats Stats { get; } = new();

    public FetchOptions Options => _options;

    /// <summary>Fetches <paramref name="url"/>, sending the validators given (a 304 is <see cref="FetchStatus.NotModified"/>).</summary>
    public async Task<FetchResult> FetchAsync(Uri url, string? etag = null, string? lastModified = null, CancellationToken cancellation = default)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var hop = 0; ; hop++)
        {
            if (!visited.Add(url.AbsoluteUri))
                return Fail(new FetchResult(FetchStatus.Failed, url, HttpStatus: 310, Error: "redirect loop"));
            if (hop > _options.MaxRedirects)
                return Fail(new FetchResult(FetchStatus.Failed, url, HttpStatus: 310, Error: $"more than {_options.MaxRedirects} redirects"));
            using var lease = Lease(url);
            var host = lease.Host;
            var robots = await RobotsAsync(host, url, cancellation).ConfigureAwait(false);
            if (!robots.Allows(url))
            {
                Interlocked.Increment(ref Stats._disallowed);
                return new FetchResult(FetchStatus.Disallowed, url, Error: "disallowed by robots.txt");
            }
            if (host.BlockedUntil > _clock.GetUtcNow())
                return Fail(new FetchResult(FetchStatus.Failed, url, HttpStatus: 429, Error: $"the site asked to wait until {host.BlockedUntil:u}", RetryAfter: host.BlockedUntil));

            var result = await GetAsync(host, url, hop == 0 ? etag : null, hop == 0 ? lastModified : null, robots.CrawlDelay, cancellation)
                .ConfigureAwait(false);
            if (result.Redirect is not { } next) return result.Result.Status == FetchStatus.Failed ? Fail(result.Result) : result.Result;
            url = next;
        }
    }

    /// <summary>The robots.txt of a URL's host, fetched once per <see cref="FetchOptions.RobotsLifetime"/> (and its sitemaps).</summary>
    public async Task<RobotsTxt> RobotsAsync(Uri url, CancellationToken cancellation = default)
    {
        using var lease = Lease(url);
        return await RobotsAsync(lease.Host, url, cancellation).ConfigureAwait(false);
    }

    /// <summary>How many hosts the fetcher keeps a state for (robots.txt, delay, Retry-After).</summary>
    public int HostsKept
    {
        get { lock (_hosts) return _hosts.Count; }
    }

    /// <summary>The state of a URL's host, held (never forgotten) until the lease is disposed.</summary>
    private HostLease Lease(Uri url)
    {
        var now = _clock.GetUtcNow();
        lock (_hosts)
        {
            if (now >= _nextSweep) Sweep(now);
            var key = url.GetLeftPart(UriPartial.Authority);
            if (!_hosts.TryGetValue(key, out var host)) _hosts[key] = host = new HostState();
            host.Users++;
            return new HostLease(this, host);
        }
    }

    private void Release(HostState host)
    {
        var now = _clock.GetUtcNow();
        lock (_hosts)
        {
            host.Users--;
            host.LastUsed = now;
        }
    }

    /// <summary>Forgets the hosts idle past <see cref="FetchOptions.HostIdleLifetime"/> whose delays and Retry-After are over (under the lock).</summary>
    private void Sweep(DateTimeOffset now)
    {
        _nextSweep = now + TimeSpan.FromMinutes(1);
        List<string>? idle = null;
        foreach (var (key, host) in _hosts)
        {
            if (host.Users == 0 && now - host.LastUsed >= _options.HostIdleLifetime && host.NextAllowed <= now && host.BlockedUntil <= now)
                (idle ??= []).Add(key);
        }
        foreach (var key in idle ?? []) _hosts.Remove(key);
    }

    private readonly struct HostLease(PoliteFetcher fetcher, HostState host) : IDisposable
    {
        public HostState Host => host;
        public void Dispose() => fetcher.Release(host);
    }

    private async Task<RobotsTxt> RobotsAsync(HostState host, Uri url, CancellationToken cancellation)
    {
        if (host.Robots is { } known && host.RobotsExpires > _clock.GetUtcNow()) return known;
        // One fetch of robots.txt per host even when several sources on it start at once.
        await host.RobotsGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (host.Robots is { } fetched && host.RobotsExpires > _clock.GetUtcNow()) return fetched;
            return await FetchRobotsAsync(host, url, cancellation).ConfigureAwait(false);
        }
        finally
        {
            host.RobotsGate.Release();
        }
    }

    private async Task<RobotsTxt> FetchRobotsAsync(HostState host, Uri url, CancellationToken cancellation)
    {
        var robotsUrl = new Uri(new Uri(url.GetLeftPart(UriPartial.Authority)), "/robots.txt");
        var (result, _) = await GetAsync(host, robotsUrl, null, null, null, cancellation).ConfigureAwait(false);
        // RFC 9309: a 4xx (or a redirect we did not follow) means no rules; a 5xx or no answer means the site is closed for now.
        var robots = result.Status == FetchStatus.Ok
            ? RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(result.Body!), FetchOptions.ProductToken)
            : result.HttpStatus is >= 400 and < 500 or >= 300 and < 400 ? RobotsTxt.AllowAll : RobotsTxt.DisallowAll;
        host.Robots = robots;
        // A closed site is asked again sooner than a day later.
        host.RobotsExpires = _clock.GetUtcNow() + (ReferenceEquals(robots, RobotsTxt.DisallowAll) ? TimeSpan.FromMinutes(10) : _options.RobotsLifetime);
        return robots;
    }

    /// <summary>One request, alone on its host and not sooner than the host's delay after the previous one.</summary>
    private async Task<(FetchResult Result, Uri? Redirect)> GetAsync(HostState host, Uri url, string? etag, string? lastModified,
        TimeSpan? crawlDelay, CancellationToken cancellation)
    {
        await host.Gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var wait = host.NextAllowed - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref Stats._requests);
            return await SendAsync(host, url, etag, lastModified, cancellation).ConfigureAwait(false);
        }
        finally
        {
            var delay = crawlDelay is { } d && d > _options.MinDelayPerHost ? d : _options.MinDelayPerHost;
            host.NextAllowed = _clock.GetUtcNow() + delay;
            host.Gate.Release();
        }
    }

    private async Task<(FetchResult, Uri?)> SendAsync(HostState host, Uri url, string? etag, string? lastModified, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            request.Headers.AcceptEncoding.ParseAdd("gzip, br, deflate");
            if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                var location = response.Headers.Location;
                if (location is null) return (new FetchResult(FetchStatus.Failed, url, HttpStatus: status, Error: $"HTTP {status} without a Location"), null);
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                return next.Scheme is "http" or "https"
                    ? (new FetchResult(FetchStatus.Failed, url, HttpStatus: status), next)
                    : (new FetchResult(FetchStatus.Failed, url, HttpStatus: status, Error: $"redirect to a {next.Scheme} URL"), null);
            }
            var validators = (ETag: response.Headers.ETag?.ToString(), LastModified: response.Content.Headers.LastModified?.ToString("R"));
            if (status == 304)
            {
                Interlocked.Increment(ref Stats._notModified);
                return (new FetchResult(FetchStatus.NotModified, url, ETag: validators.ETag ?? etag, LastModified: validators.LastModified ?? lastModified, HttpStatus: 304), null);
            }
            if (status is 429 or 503 && RetryAfter(response) is { } until)
                host.BlockedUntil = until;
            if (!response.IsSuccessStatusCode)
                return (new FetchResult(FetchStatus.Failed, url, HttpStatus: status, Error: $"HTTP {status} {response.ReasonPhrase}".TrimEnd(),
                    RetryAfter: status is 429 or 503 ? host.BlockedUntil : null), null);

            var body = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
            if (body is null)
                return (new FetchResult(FetchStatus.Failed, url, HttpStatus: status, Error: $"body over the {ContentChecks.FormatLimit(_options.MaxBytes)} limit"), null);
            Interlocked.Add(ref Stats._bytes, body.LongLength);
            return (new FetchResult(FetchStatus.Ok, url, body, response.Content.Headers.ContentType?.ToString(), validators.ETag,
                validators.LastModified, status), null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (new FetchResult(FetchStatus.Failed, url, Error: $"no complete response within {_options.Timeout.TotalSeconds:0.#} s"), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
        {
            return (new FetchResult(FetchStatus.Failed, url, Error: $"{e.GetType().Name}: {e.Message}"), null);
        }
    }

    /// <summary>The body, inflated as its Content-Encoding says, or null past the size limit (counted while reading).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.Content.Headers.ContentLength > _options.MaxBytes && response.Content.Headers.ContentEncoding.Count == 0) return null;
        await using var raw = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        Stream stream = raw;
        foreach (var encoding in response.Content.Headers.ContentEncoding.Reverse())
        {
            stream = encoding.ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "identity" => stream,
                _ => throw new InvalidDataException($"unknown content encoding '{encoding}'"),
            };
        }
        await using var _ = stream;
        using var body = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            if (body.Length + n > _options.MaxBytes) return null;
            body.Write(buffer, 0, n);
        }
        return body.ToArray();
    }

    private DateTimeOffset? RetryAfter(HttpResponseMessage response)
    {
        var now = _clock.GetUtcNow();
        DateTimeOffset? until = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };
        if (until is null) return null;
        return until > now + _options.MaxRetryAfter ? now + _options.MaxRetryAfter : until;
    }

    private FetchResult Fail(FetchResult result)
    {
        Interlocked.Increment(ref Stats._failed);
        return result;
    }

    public void Dispose() => _client.Dispose();

    private sealed class HostState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public SemaphoreSlim RobotsGate { get; } = new(1, 1);
        public DateTimeOffset NextAllowed { get; set; }
        public RobotsTxt? Robots { get; set; }
        public DateTimeOffset RobotsExpires { get; set; }
        public DateTimeOffset BlockedUntil { get; set; }
        /// <summary>Leases not yet disposed, and when the last one was (under the fetcher's lock).</summary>
        public int Users { get; set; }
        public DateTimeOffset LastUsed { get; set; }
    }
}
