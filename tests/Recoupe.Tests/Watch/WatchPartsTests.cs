using System.Net;
using System.Text;
using Recoupe.Ingest;
using Recoupe.Ingest.Watch;

namespace Recoupe.Tests.Watch;

/// <summary>The watcher's parts on their own: URL spelling, robots.txt, listings, the fetcher's manners.</summary>
public sealed class WatchPartsTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=4&utm_medium=feed#top", "https://news.example.com/a/b?id=4")]
    [InlineData("http://example.org/x?fbclid=abc", "http://example.org/x")]
    [InlineData("https://example.org/x?page=2&gclid=1", "https://example.org/x?page=2")]
    public void Tracking_parameters_fragments_and_default_ports_leave_the_canonical_url(string given, string expected) =>
        UrlCanonicalizer.Canonical(given).Should().Be(expected);

    [Fact]
    public void A_relative_link_is_resolved_against_the_listing_and_other_schemes_are_refused()
    {
        UrlCanonicalizer.Canonical("/world/1", new Uri("https://example.org/feed.xml")).Should().Be("https://example.org/world/1");
        UrlCanonicalizer.Canonical("mailto:desk@example.org").Should().BeNull();
        UrlCanonicalizer.Canonical("ftp://example.org/file").Should().BeNull();
    }

    [Fact]
    public void Robots_txt_applies_our_group_over_the_star_group_with_the_longest_rule_winning()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /

            User-agent: Recoupe
            User-agent: OtherBot
            Disallow: /private/
            Allow: /private/press/
            Disallow: /*.pdf$
            Crawl-delay: 3

            Sitemap: https://example.org/news-sitemap.xml
            """, "Recoupe");
        robots.Allows(new Uri("https://example.org/news/1")).Should().BeTrue("our group replaces the star group");
        robots.Allows(new Uri("https://example.org/private/x")).Should().BeFalse();
        robots.Allows(new Uri("https://example.org/private/press/release")).Should().BeTrue("the longer Allow wins");
        robots.Allows(new Uri("https://example.org/files/report.pdf")).Should().BeFalse();
        robots.Allows(new Uri("https://example.org/files/report.pdf?x=1")).Should().BeTrue("$ anchors the end");
        robots.CrawlDelay.Should().Be(TimeSpan.FromSeconds(3));
        robots.Sitemaps.Should().Equal("https://example.org/news-sitemap.xml");
    }

    [Fact]
    public void A_robots_txt_without_our_group_follows_the_star_group()
    {
        var robots = RobotsTxt.Parse("User-agent: Googlebot\nDisallow:\n\nUser-agent: *\nDisallow: /search\n", "Recoupe");
        robots.Allows(new Uri("https://example.org/search?q=x")).Should().BeFalse();
        robots.Allows(new Uri("https://example.org/news")).Should().BeTrue();
    }

    [Fact]
    public void A_home_page_names_its_feeds_by_link_rel_alternate_in_page_order()
    {
        var html = """
            <html><head><link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml?utm_source=x">
            <link type='application/rss+xml' rel='alternate' href='https://cdn.example.org/rss'>
            <link rel="alternate" hreflang="fr" href="/fr/"></head></html>
            """;
        var listing = SourceListing.Read(new Uri("https://example.org/"), Encoding.UTF8.GetBytes(html), "text/html", ReadLimits.Default);
        listing.Kind.Should().Be(ListingKind.Page);
        listing.Links.Should().Equal("https://example.org/atom.xml", "https://cdn.example.org/rss");
    }

    [Fact]
    public void A_sitemap_index_lists_its_newest_child_first_and_a_news_sitemap_its_urls_with_lastmod()
    {
        var index = """
            <?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://example.org/old.xml</loc><lastmod>2020-01-01</lastmod></sitemap>
            <sitemap><loc>https://example.org/today.xml</loc><lastmod>2026-03-02T10:00:00Z</lastmod></sitemap></sitemapindex>
            """;
        SourceListing.Read(new Uri("https://example.org/sitemap.xml"), Encoding.UTF8.GetBytes(index), "application/xml", ReadLimits.Default)
            .Links.Should().Equal("https://example.org/today.xml", "https://example.org/old.xml");

        var news = """
            <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://example.org/a?utm_campaign=z</loc><lastmod>2026-03-02T09:00:00Z</lastmod><news:news><news:title>A</news:title></news:news></url>
            <url><loc>https://example.org/b</loc></url></urlset>
            """;
        var listing = SourceListing.Read(new Uri("https://example.org/news.xml"), Encoding.UTF8.GetBytes(news), "text/html", ReadLimits.Default);
        listing.Kind.Should().Be(ListingKind.Sitemap, "the body decides, not a wrong content type");
        listing.Items.Select(i => i.Link).Should().Equal("https://example.org/a", "https://example.org/b");
        listing.Items[0].Signature.Should().Be("2026-03-02T09:00:00Z");
    }

    [Fact]
    public void A_json_feed_gives_each_item_with_its_own_content()
    {
        var json = """{"version":"https://jsonfeed.org/version/1.1","title":"Desk","items":[{"id":"1","url":"https://example.org/1","title":"One","content_html":"<p>Body one.</p>","authors":[{"name":"A. Writer"}]},{"id":"2","title":"no url"}]}""";
        var listing = SourceListing.Read(new Uri("https://example.org/feed.json"), Encoding.UTF8.GetBytes(json), "application/feed+json", ReadLimits.Default);
        listing.Kind.Should().Be(ListingKind.JsonFeed);
        var item = listing.Items.Should().ContainSingle().Subject;
        item.FeedArticle!.Fields.Title.Should().Be("One");
        item.FeedArticle.Fields.Outlet.Should().Be("Desk");
        item.FeedArticle.Fields.Authors.Should().Equal("A. Writer");
    }

    [Fact]
    public void A_feed_cut_mid_way_still_lists_the_items_before_the_cut()
    {
        var rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://example.org/1</link><description>First.</description></item><item><title>Two</title><link>https://exa""";
        var listing = SourceListing.Read(new Uri("https://example.org/rss"), Encoding.UTF8.GetBytes(rss), "application/rss+xml", ReadLimits.Default);
        listing.Items.Select(i => i.Link).Should().Equal("https://example.org/1");
        listing.Error.Should().BeNull();
    }

    [Fact]
    public async Task The_fetcher_sends_validators_inflates_gzip_and_waits_out_a_retry_after()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(clock, request =>
        {
            if (request.RequestUri!.AbsolutePath == "/robots.txt") return new HttpResponseMessage(HttpStatusCode.NotFound);
            if (request.RequestUri.AbsolutePath == "/busy")
                return new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromMinutes(5)) } };
            if (request.Headers.IfNoneMatch.Any(t => t.Tag == "\"v1\"")) return new HttpResponseMessage(HttpStatusCode.NotModified);
            var body = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
                gzip.Write(Encoding.UTF8.GetBytes("hello, inflated"));
            var content = new ByteArrayContent(body.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            response.Headers.ETag = new("\"v1\"");
            return response;
        });
        using var fetcher = new PoliteFetcher(handler, clock);
        var first = await fetcher.FetchAsync(new Uri("https://example.org/feed"));
        Encoding.UTF8.GetString(first.Body!).Should().Be("hello, inflated");
        first.ETag.Should().Be("\"v1\"");
        handler.Requests.Last().Headers.UserAgent.ToString().Should().StartWith("Recoupe/").And.Contain("(+https://");

        (await fetcher.FetchAsync(new Uri("https://example.org/feed"), first.ETag)).Status.Should().Be(FetchStatus.NotModified);
        fetcher.Stats.NotModified.Should().Be(1);

        var busy = await fetcher.FetchAsync(new Uri("https://example.org/busy"));
        busy.HttpStatus.Should().Be(429);
        busy.RetryAfter.Should().Be(handler.Times.Last() + TimeSpan.FromMinutes(5));
        var count = handler.Requests.Count;
        (await fetcher.FetchAsync(new Uri("https://example.org/feed"))).Status.Should().Be(FetchStatus.Failed, "the host asked to wait");
        handler.Requests.Count.Should().Be(count, "nothing is sent to a host before its Retry-After");
    }

    [Fact]
    public async Task The_fetcher_stops_a_redirect_loop_and_a_body_over_its_limit()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(clock, request => request.RequestUri!.AbsolutePath switch
        {
            "/robots.txt" => new HttpResponseMessage(HttpStatusCode.NotFound),
            "/a" => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("/b", UriKind.Relative) } },
            "/b" => new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("https://example.org/a") } },
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new string('x', 5000)) },
        });
        using var fetcher = new PoliteFetcher(handler, clock, new FetchOptions { MaxBytes = 1000 });
        (await fetcher.FetchAsync(new Uri("https://example.org/a"))).Error.Should().Be("redirect loop");
        (await fetcher.FetchAsync(new Uri("https://example.org/big"))).Error.Should().Contain("over the");
    }

    [Fact]
    public async Task The_fetcher_waits_the_minimum_delay_between_two_requests_to_one_host()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(clock, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        using var fetcher = new PoliteFetcher(handler, clock, new FetchOptions { MinDelayPerHost = TimeSpan.FromSeconds(5) });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => fetcher.FetchAsync(new Uri($"https://example.org/{i}"))));
        var times = handler.Times.Order().ToList();
        times.Zip(times.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_fetcher_forgets_hosts_idle_past_their_lifetime_but_keeps_a_running_retry_after_and_obeys_robots_txt_again()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(clock, request => (request.RequestUri!.Host, request.RequestUri.AbsolutePath) switch
        {
            ("closed.example", "/robots.txt") => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("User-agent: *\nDisallow: /private\n") },
            (_, "/robots.txt") => new HttpResponseMessage(HttpStatusCode.NotFound),
            ("busy.example", _) => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromHours(10)) } },
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") },
        });
        var options = new FetchOptions { HostIdleLifetime = TimeSpan.FromHours(1), MaxRetryAfter = TimeSpan.FromHours(12) };
        using var fetcher = new PoliteFetcher(handler, clock, options);
        for (var i = 0; i < 30; i++) (await fetcher.FetchAsync(new Uri($"https://site{i}.example/a"))).Status.Should().Be(FetchStatus.Ok);
        (await fetcher.FetchAsync(new Uri("https://closed.example/private/1"))).Status.Should().Be(FetchStatus.Disallowed);
        (await fetcher.FetchAsync(new Uri("https://busy.example/feed"))).HttpStatus.Should().Be(429);
        fetcher.HostsKept.Should().Be(32);

        clock.AdvanceTo(clock.GetUtcNow() + TimeSpan.FromHours(2));
        (await fetcher.FetchAsync(new Uri("https://site0.example/b"))).Status.Should().Be(FetchStatus.Ok);
        fetcher.HostsKept.Should().Be(2, "only the host asked now and the one whose Retry-After still runs are kept");
        var sent = handler.Requests.Count;
        (await fetcher.FetchAsync(new Uri("https://busy.example/feed"))).Status.Should().Be(FetchStatus.Failed);
        handler.Requests.Count.Should().Be(sent, "the forgotten hosts' neighbour kept its Retry-After: nothing is sent before it");

        (await fetcher.FetchAsync(new Uri("https://closed.example/private/2"))).Status.Should().Be(FetchStatus.Disallowed,
            "a forgotten host's robots.txt is read again before its first request");
        handler.Requests.Count(r => r.RequestUri!.Host == "closed.example").Should().Be(2, "robots.txt twice, the forbidden pages never");

        clock.AdvanceTo(clock.GetUtcNow() + TimeSpan.FromHours(11));
        (await fetcher.FetchAsync(new Uri("https://site1.example/c"))).Status.Should().Be(FetchStatus.Ok);
        fetcher.HostsKept.Should().Be(1, "once its Retry-After is over, an idle host is forgotten too");
    }

    /// <summary>Answers each request with <paramref name="answer"/>, noting it and its (simulated) time.</summary>
    private sealed class ScriptedHandler(TimeProvider clock, Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private readonly object _gate = new();
        public List<HttpRequestMessage> Requests { get; } = [];
        public List<DateTimeOffset> Times { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Requests.Add(request);
                Times.Add(clock.GetUtcNow());
            }
            return Task.FromResult(answer(request));
        }
    }
}
