using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Recoupe.Tests.Watch;

/// <summary>
/// An in-process web of simulated outlets behind an <see cref="HttpMessageHandler"/>: robots.txt, feeds (RSS, Atom, JSON
/// Feed), sitemaps and home pages whose listings follow a simulated clock, article pages that change, and the faults of
/// the real web (server errors, timeouts, slow bodies, redirect loops, missing pages, wrong content types, malformed
/// feeds, oversized pages, one article under two URLs, rate limits). It records what a polite client must not do:
/// two requests at once to a host, a fetch of a path robots.txt forbids.
/// </summary>
public sealed class SimulatedWeb : HttpMessageHandler
{
    private readonly Dictionary<string, SimulatedOutlet> _byHost;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _requestsByUrl = new();
    private readonly ConcurrentDictionary<(int Outlet, int Number), byte> _listed = new();
    private readonly ConcurrentQueue<string> _forbiddenFetched = new();
    private int _overlaps;
    private long _requests;

    public SimulatedWeb(IReadOnlyList<SimulatedOutlet> outlets, TimeProvider clock)
    {
        Outlets = outlets;
        _byHost = outlets.ToDictionary(o => o.Host, StringComparer.OrdinalIgnoreCase);
        _clock = clock;
    }

    /// <summary>A web of <paramref name="count"/> outlets, every listing kind and every fault spread over them.</summary>
    public static SimulatedWeb Create(int count, SimulatedClock clock, TimeSpan span, TimeSpan? interval = null)
    {
        var kinds = Enum.GetValues<OutletKind>();
        var faults = Enum.GetValues<OutletFault>();
        var start = clock.GetUtcNow();
        var outlets = Enumerable.Range(0, count).Select(i => new SimulatedOutlet(i, kinds[i % kinds.Length],
            faults[i % 13 < faults.Length ? i % 13 : 0], start, span, interval ?? TimeSpan.FromMinutes(30 + i % 7 * 5))).ToList();
        return new SimulatedWeb(outlets, clock);
    }

    public IReadOnlyList<SimulatedOutlet> Outlets { get; }

    /// <summary>Times a request found another one in flight on the same host.</summary>
    public int Overlaps => _overlaps;
    public long Requests => Interlocked.Read(ref _requests);
    public IReadOnlyCollection<string> ForbiddenFetched => _forbiddenFetched;
    public int RequestsFor(string url) => _requestsByUrl.GetValueOrDefault(url);

    /// <summary>Called with each request's URL before it is answered (a test stops the watcher from here).</summary>
    public Action<Uri>? OnRequest { get; set; }

    /// <summary>Articles some successful listing response named.</summary>
    public bool WasListed(SimArticle a) => _listed.ContainsKey((a.Outlet, a.Number));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        var uri = request.RequestUri!;
        Interlocked.Increment(ref _requests);
        _requestsByUrl.AddOrUpdate(uri.AbsoluteUri, 1, (_, n) => n + 1);
        if (_inFlight.AddOrUpdate(uri.Host, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _overlaps);
        var handed = false;
        try
        {
            OnRequest?.Invoke(uri);
            if (!_byHost.TryGetValue(uri.Host, out var outlet)) throw new HttpRequestException($"no such host {uri.Host}");
            if (IsForbidden(outlet, uri.AbsolutePath)) _forbiddenFetched.Enqueue(uri.AbsoluteUri);
            var response = await AnswerAsync(outlet, request, uri, cancellation).ConfigureAwait(false);
            response.RequestMessage = request;
            var tracked = new TrackedContent(response.Content, () => Leave(uri.Host));
            tracked.CopyHeaders();
            response.Content = tracked;
            handed = true;
            return response;
        }
        finally
        {
            if (!handed) Leave(uri.Host);
        }
    }

    private void Leave(string host) => _inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);

    private static bool IsForbidden(SimulatedOutlet outlet, string path) =>
        path.StartsWith("/private/", StringComparison.Ordinal) || (outlet.ForbidsUs && path.StartsWith("/members/", StringComparison.Ordinal));

    private int Bump(SimulatedOutlet outlet, string what) => _requestsByUrl.AddOrUpdate($"{outlet.Host}|{what}", 1, (_, n) => n + 1);

    private async Task<HttpResponseMessage> AnswerAsync(SimulatedOutlet outlet, HttpRequestMessage request, Uri uri, CancellationToken cancellation)
    {
        var now = _clock.GetUtcNow();
        var path = uri.AbsolutePath;
        if (path == "/robots.txt") return Text(outlet, request, Robots(outlet), "text/plain");

        if (IsListing(outlet, path))
        {
            var n = Bump(outlet, "listing");
            switch (outlet.Fault)
            {
                case OutletFault.FeedServerErrors when n <= 2: return new HttpResponseMessage(HttpStatusCode.InternalServerError);
                case OutletFault.RateLimited when n == 1:
                    var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                    limited.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
                    return limited;
                case OutletFault.FeedTimeout when n == 1:
                    await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
                    break;
            }
            var (body, type, listed) = Listing(outlet, path, now);
            if (outlet.Fault == OutletFault.MalformedFeed && n % 3 == 0)
                return Text(outlet, request, body[..(body.Length * 3 / 5)], type); // cut mid-way: nothing counted as listed
            var response = Text(outlet, request, body, type);
            if (response.StatusCode == HttpStatusCode.OK) foreach (var number in listed) _listed.TryAdd((outlet.Index, number), 0);
            return response;
        }

        if (path.StartsWith("/r/", StringComparison.Ordinal) && int.TryParse(path[3..], out var moved))
            return Redirect($"https://{outlet.Host}{outlet.Articles[moved].Path}");
        if (path.StartsWith("/moved/", StringComparison.Ordinal) && int.TryParse(path[7..], out var looped))
            return Redirect($"https://{outlet.Host}{outlet.Articles[looped].Path}");

        var amp = path.StartsWith("/amp/", StringComparison.Ordinal);
        var article = outlet.Articles.FirstOrDefault(a => a.Path == (amp ? path[4..] : path));
        if (article is null || article.Published > now) return new HttpResponseMessage(HttpStatusCode.NotFound);
        if (outlet.Fault == OutletFault.MissingItems && article.Number % 8 == 5) return new HttpResponseMessage(HttpStatusCode.NotFound);
        if (outlet.Fault == OutletFault.RedirectLoop && article.Number % 9 == 4) return Redirect($"https://{outlet.Host}/moved/{article.Number}");
        var canonical = $"https://{outlet.Host}{article.Path}";
        var html = outlet.Page(article, now, canonical, teaser: outlet.FullTextInFeed);
        if (outlet.Fault == OutletFault.OversizedPage && article.Number % 10 == 8)
            html = html.Replace("</article>", string.Concat(Enumerable.Repeat("<p>Filler text that makes the page far too large to read.</p>", 40_000)) + "</article>", StringComparison.Ordinal);
        var pageType = outlet.Fault == OutletFault.WrongContentTypes ? "application/octet-stream" : $"text/html; charset={(outlet.Legacy ? "windows-1252" : "utf-8")}";
        var page = Text(outlet, request, html, pageType);
        if (outlet.Fault == OutletFault.SlowDripPage && article.Number % 7 == 3 && Bump(outlet, path) == 1 && page.StatusCode == HttpStatusCode.OK)
            page.Content = new StreamContent(new SlowStream(await page.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false)));
        return page;
    }

    private static string Robots(SimulatedOutlet outlet)
    {
        var text = new StringBuilder("User-agent: *\nDisallow: /private/\n");
        if (outlet.ForbidsUs) text.Append("\nUser-agent: Recoupe\nDisallow: /private/\nDisallow: /members/\n");
        if (outlet.Kind == OutletKind.HomePageWithSitemap) text.Append($"\nSitemap: https://{outlet.Host}/news-sitemap.xml\n");
        return text.ToString();
    }

    private static bool IsListing(SimulatedOutlet outlet, string path) => outlet.Kind switch
    {
        OutletKind.SitemapIndex => path is "/sitemap-index.xml" or "/sitemap-news.xml" or "/sitemap-2019.xml",
        OutletKind.HomePageWithFeed => path is "/" or "/feed.rss",
        OutletKind.HomePageWithSitemap => path is "/" or "/news-sitemap.xml",
        _ => path == new Uri(outlet.SourceUrl).AbsolutePath,
    };

    /// <summary>The listing at <paramref name="path"/>: the 20 latest articles published by now, and which they are.</summary>
    private static (string Body, string Type, List<int> Listed) Listing(SimulatedOutlet outlet, string path, DateTimeOffset now)
    {
        var latest = outlet.Articles.Where(a => a.Published <= now).OrderByDescending(a => a.Published).Take(20).ToList();
        var numbers = latest.Select(a => a.Number).ToList();
        var wrong = outlet.Fault == OutletFault.WrongContentTypes;
        switch (outlet.Kind, path)
        {
            case (OutletKind.HomePageWithFeed, "/"):
                return ($"<!doctype html><html><head><title>{outlet.Name}</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.rss\" title=\"News\"></head><body><h1>{outlet.Name}</h1></body></html>", "text/html", []);
            case (OutletKind.HomePageWithSitemap, "/"):
                return ($"<!doctype html><html><head><title>{outlet.Name}</title></head><body><h1>{outlet.Name}</h1><p>Latest news.</p></body></html>", "text/html", []);
            case (OutletKind.SitemapIndex, "/sitemap-index.xml"):
                return ($"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://{outlet.Host}/sitemap-2019.xml</loc><lastmod>2019-01-01</lastmod></sitemap><sitemap><loc>https://{outlet.Host}/sitemap-news.xml</loc><lastmod>{now:yyyy-MM-ddTHH:mm:ssZ}</lastmod></sitemap></sitemapindex>""", "application/xml", []);
            case (OutletKind.SitemapIndex, "/sitemap-2019.xml"):
                return ("""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>""", "application/xml", []);
        }
        var entries = latest.SelectMany(a => Links(outlet, a).Select(link => (Article: a, Link: link))).ToList();
        if (outlet.Kind is OutletKind.NewsSitemap or OutletKind.SitemapIndex or OutletKind.HomePageWithSitemap)
        {
            var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">""");
            foreach (var (a, link) in entries)
                xml.Append($"<url><loc>{WebUtility.HtmlEncode(link)}</loc><lastmod>{(outlet.IsUpdated(a, now) ? a.Updated!.Value : a.Published):yyyy-MM-ddTHH:mm:ssZ}</lastmod><news:news><news:title>{WebUtility.HtmlEncode(outlet.Title(a))}</news:title></news:news></url>");
            return (xml.Append("</urlset>").ToString(), wrong ? "text/html" : "application/xml", numbers);
        }
        if (outlet.Kind == OutletKind.JsonFeed)
        {
            var feed = new
            {
                version = "https://jsonfeed.org/version/1.1", title = outlet.Name,
                items = entries.Select(e => new
                {
                    id = e.Link, url = e.Link, title = outlet.Title(e.Article), content_html = $"<p>{WebUtility.HtmlEncode(outlet.Paragraphs(e.Article, now)[0])}</p>",
                    date_published = e.Article.Published.UtcDateTime, date_modified = outlet.IsUpdated(e.Article, now) ? e.Article.Updated!.Value.UtcDateTime : e.Article.Published.UtcDateTime,
                }),
            };
            return (JsonSerializer.Serialize(feed), wrong ? "text/plain" : "application/feed+json", numbers);
        }
        if (outlet.Kind == OutletKind.Atom)
        {
            var atom = new StringBuilder($"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{outlet.Name}</title><id>https://{outlet.Host}/</id><updated>{now:yyyy-MM-ddTHH:mm:ssZ}</updated>""");
            foreach (var (a, link) in entries)
                atom.Append($"""<entry><title>{WebUtility.HtmlEncode(outlet.Title(a))}</title><link rel="alternate" type="text/html" href="{WebUtility.HtmlEncode(link)}"/><id>{WebUtility.HtmlEncode(link)}</id><published>{a.Published:yyyy-MM-ddTHH:mm:ssZ}</published><updated>{(outlet.IsUpdated(a, now) ? a.Updated!.Value : a.Published):yyyy-MM-ddTHH:mm:ssZ}</updated><summary>{WebUtility.HtmlEncode(outlet.Paragraphs(a, now)[0])}</summary></entry>""");
            return (atom.Append("</feed>").ToString(), wrong ? "text/html" : "application/atom+xml", numbers);
        }
        var rss = new StringBuilder($"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{outlet.Name}</title><link>https://{outlet.Host}/</link><language>en</language>""");
        foreach (var (a, link) in entries)
        {
            var paragraphs = outlet.Paragraphs(a, now);
            var full = outlet.FullTextInFeed ? $"<content:encoded>{WebUtility.HtmlEncode(string.Concat(paragraphs.Select(p => $"<p>{p}</p>")))}</content:encoded>" : "";
            rss.Append($"<item><title>{WebUtility.HtmlEncode(outlet.Title(a))}</title><link>{WebUtility.HtmlEncode(link)}</link><guid>{WebUtility.HtmlEncode(link)}</guid><pubDate>{a.Published:R}</pubDate><description>{WebUtility.HtmlEncode(paragraphs[0] + (outlet.IsUpdated(a, now) ? " (Updated.)" : ""))}</description>{full}</item>");
        }
        return (rss.Append("</channel></rss>").ToString(), wrong ? "text/html" : "application/rss+xml", numbers);
    }

    /// <summary>The links a listing gives for an article: its URL, plus a tracking-tagged and an AMP copy for the outlet listing it twice, or a redirecting link.</summary>
    private static IEnumerable<string> Links(SimulatedOutlet outlet, SimArticle a)
    {
        var url = a.Url(outlet);
        if (outlet.Kind == OutletKind.Atom && a.Number % 6 == 2 && !outlet.PageUnreachable(a))
        {
            yield return $"https://{outlet.Host}/r/{a.Number}";
            yield break;
        }
        yield return url;
        // (Not for a forbidden page: an allowed copy would make it reachable, rightly.)
        if (outlet.Fault == OutletFault.SameArticleTwoUrls && a.Number % 4 == 1 && !outlet.PageUnreachable(a))
        {
            yield return url + "?utm_source=rss&utm_medium=feed";
            yield return $"https://{outlet.Host}/amp{a.Path}";
        }
    }

    /// <summary>A body with an ETag (304 when the client sent it back), in the outlet's charset and encoding.</summary>
    private static HttpResponseMessage Text(SimulatedOutlet outlet, HttpRequestMessage request, string text, string type)
    {
        var legacy = outlet.Legacy && type.StartsWith("text/html", StringComparison.Ordinal) && type.Contains("windows-1252", StringComparison.Ordinal);
        var bytes = legacy ? CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text) : Encoding.UTF8.GetBytes(text);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
        if (request.Headers.IfNoneMatch.Any(t => t.Tag == etag))
            return new HttpResponseMessage(HttpStatusCode.NotModified) { Headers = { ETag = new EntityTagHeaderValue(etag) } };
        var accepts = request.Headers.AcceptEncoding.Select(e => e.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string? encoding = null;
        if (outlet.Gzip && accepts.Contains("gzip")) (bytes, encoding) = (Compress(bytes, s => new GZipStream(s, CompressionLevel.Fastest)), "gzip");
        else if (outlet.Brotli && accepts.Contains("br")) (bytes, encoding) = (Compress(bytes, s => new BrotliStream(s, CompressionLevel.Fastest)), "br");
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.ETag = new EntityTagHeaderValue(etag);
        return response;
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> wrap)
    {
        using var buffer = new MemoryStream();
        using (var stream = wrap(buffer)) stream.Write(bytes);
        return buffer.ToArray();
    }

    private static HttpResponseMessage Redirect(string to) =>
        new(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri(to) } };

    /// <summary>A response body that gives one byte every 100 ms (real time): only a time limit ends it.</summary>
    private sealed class SlowStream(byte[] bytes) : Stream
    {
        private int _position;
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation = default)
        {
            if (_position >= bytes.Length || buffer.Length == 0) return 0;
            await Task.Delay(100, cancellation).ConfigureAwait(false);
            buffer.Span[0] = bytes[_position++];
            return 1;
        }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Content that tells when the client is done with it (disposed), which ends the request for the host's count.</summary>
    private sealed class TrackedContent(HttpContent inner, Action done) : HttpContent
    {
        private int _done;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);
        protected override Task<Stream> CreateContentReadStreamAsync() => inner.ReadAsStreamAsync();
        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        public void CopyHeaders()
        {
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _done, 1) == 0)
            {
                inner.Dispose();
                done();
            }
            base.Dispose(disposing);
        }
    }
}
