using System.Net;
using System.Text;
using Recoupe.Ingest.Watch;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Watch;

/// <summary>Items that change: a stored article's page gets a new version; a copy that changes becomes an article of its own.</summary>
public sealed class WatchUpdateTests : IDisposable
{
    private TestStores? _stores;

    public void Dispose() => _stores?.Dispose();

    private static string Page(string title, params string[] paragraphs) =>
        $"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>" +
        string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")) + "</article></body></html>";

    private const string Harbour = "The port authority of Westhaven approved the harbour extension on Monday after two years of talks with fishermen.";
    private const string Cost = "The works will cost 240 million euros and last four years, the authority's director, Ines Moreau, told reporters.";
    private const string Critics = "Local residents said the plan ignored the risk of flooding in the lower town, and promised to appeal.";
    private const string Storm = "A storm cut power to 20,000 homes in Calloway overnight, and the grid operator expects repairs to take two days.";

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task A_changed_page_becomes_a_version_and_a_changed_copy_a_new_article_without_touching_the_original(StoreKind kind)
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var site = new Dictionary<string, string>
        {
            ["/robots.txt"] = "User-agent: *\nDisallow:\n",
            ["/a"] = Page("Harbour extension approved", Harbour, Cost),
            ["/b"] = Page("Harbour extension approved", Harbour, Cost), // a syndicated copy: the same text under another URL
        };
        string Feed(string b) => $"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item><title>Harbour</title><link>https://desk.test/a</link><description>{b}</description></item><item><title>Copy</title><link>https://desk.test/b</link><description>{b}</description></item></channel></rss>""";
        site["/feed.rss"] = Feed("first");
        var handler = new SiteHandler(site);
        _stores = new TestStores(kind);
        var articles = _stores.OpenArticles();
        var sources = _stores.OpenSources();
        using var fetcher = new PoliteFetcher(handler, clock);
        sources.Add("https://desk.test/feed.rss", "Desk", TimeSpan.FromMinutes(5), clock.GetUtcNow().UtcDateTime, out _);
        var runner = new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = clock });

        var first = await runner.PollAsync(dueOnly: false);
        first.Polls.Single().Counts.Should().Match<HarvestCounts>(c => c.Stored == 1 && c.Duplicates == 1);
        var original = articles.All().Single();

        // The article gains a paragraph; the copy's URL now carries another story. Both items change in the feed.
        site["/a"] = Page("Harbour extension approved", Harbour, Cost, Critics);
        site["/b"] = Page("Storm cuts power in Calloway", Storm, Cost);
        site["/feed.rss"] = Feed("second");
        var second = await runner.PollAsync(dueOnly: false);
        second.Polls.Single().Counts.Should().Match<HarvestCounts>(c => c.Versions == 1 && c.Stored == 1);

        var updated = articles.Get(original.Id)!;
        updated.Text.Should().Contain("promised to appeal", "the article's latest text is its own page's").And.NotContain("storm");
        sources.CountVersions(original.Id).Should().Be(2);
        articles.Count().Should().Be(2, "the changed copy is an article of its own");
        articles.All().Should().ContainSingle(a => a.Text.Contains("Calloway", StringComparison.Ordinal));
        handler.Requests("/a").Should().Be(2, "a page is fetched again only because its item changed");
    }

    private sealed class SiteHandler(Dictionary<string, string> site) : HttpMessageHandler
    {
        private readonly Dictionary<string, int> _requests = [];

        public int Requests(string path) { lock (_requests) return _requests.GetValueOrDefault(path); }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (_requests) _requests[path] = _requests.GetValueOrDefault(path) + 1;
            if (!site.TryGetValue(path, out var body)) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            var type = path.EndsWith(".rss", StringComparison.Ordinal) ? "application/rss+xml" : path.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain" : "text/html; charset=utf-8";
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
