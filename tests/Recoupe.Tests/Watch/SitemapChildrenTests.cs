using System.Collections.Concurrent;
using System.Net;
using Recoupe.Ingest.Watch;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Watch;

/// <summary>
/// A sitemap index's children are asked for conditionally: an unchanged child answers 304 and is not read again, by a
/// restarted watcher too (their validators are in the store).
/// </summary>
public sealed class SitemapChildrenTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private TestStores? _stores;

    public void Dispose()
    {
        _stores?.Dispose();
        _folder.Dispose();
    }

    /// <summary>Every answer the watcher got, by URL.</summary>
    private sealed class Recorder(HttpMessageHandler web) : DelegatingHandler(web)
    {
        public ConcurrentQueue<(string Url, HttpStatusCode Status)> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Answers.Enqueue((request.RequestUri!.AbsoluteUri, response.StatusCode));
            return response;
        }
    }

    [Fact]
    public async Task An_unchanged_child_sitemap_answers_304_at_later_polls_and_every_article_of_the_changing_one_is_still_stored()
    {
        var clock = new SimulatedClock(Start);
        var outlet = new SimulatedOutlet(4, OutletKind.SitemapIndex, OutletFault.None, Start, TimeSpan.FromHours(4), TimeSpan.FromMinutes(40));
        var recorder = new Recorder(new SimulatedWeb([outlet], clock));
        var path = _folder.File("sitemaps.db");
        using var articles = new SqliteArticleStore(path);
        using var sources = new SqliteSourceStore(path);
        using var fetcher = new PoliteFetcher(recorder, clock, new FetchOptions { MinDelayPerHost = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2) });
        sources.Add(outlet.SourceUrl, outlet.Name, TimeSpan.FromMinutes(10), Start.UtcDateTime, out _);
        var runner = new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = clock });

        for (var poll = 0; poll < 6; poll++)
        {
            await runner.PollAsync(dueOnly: false);
            clock.AdvanceTo(clock.GetUtcNow() + TimeSpan.FromMinutes(50));
        }

        var old = recorder.Answers.Where(a => a.Url.EndsWith("/sitemap-2019.xml", StringComparison.Ordinal)).Select(a => a.Status).ToList();
        old.Should().HaveCount(6);
        old.Should().Equal([HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.NotModified, 5)], "the 2019 sitemap never changes");
        recorder.Answers.Where(a => a.Url.EndsWith("/sitemap-news.xml", StringComparison.Ordinal)).Should().Contain(a => a.Status == HttpStatusCode.OK);
        var listed = outlet.Articles.Where(a => a.Published <= clock.GetUtcNow() - TimeSpan.FromMinutes(50) && !outlet.PageUnreachable(a))
            .Select(a => a.Url(outlet)).ToList();
        listed.Should().NotBeEmpty();
        articles.All().Select(a => a.Metadata.Url).Should().Contain(listed);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task A_restarted_watcher_asks_for_an_unchanged_child_sitemap_with_the_validators_kept_in_the_store_and_gets_304(StoreKind kind)
    {
        var clock = new SimulatedClock(Start);
        var outlet = new SimulatedOutlet(4, OutletKind.SitemapIndex, OutletFault.None, Start, TimeSpan.FromHours(4), TimeSpan.FromMinutes(40));
        var web = new SimulatedWeb([outlet], clock);
        _stores = new TestStores(kind);
        var fetchOptions = new FetchOptions { MinDelayPerHost = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2) };

        clock.AdvanceTo(Start + TimeSpan.FromHours(2)); // a few articles are out
        var first = new Recorder(web);
        using (var fetcher = new PoliteFetcher(first, clock, fetchOptions))
        {
            var articles = _stores.OpenArticles();
            var sources = _stores.OpenSources();
            sources.Add(outlet.SourceUrl, outlet.Name, TimeSpan.FromMinutes(10), Start.UtcDateTime, out _);
            await new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = clock }).PollAsync(dueOnly: false);
            articles.Count().Should().BeGreaterThan(0);
        }
        first.Answers.Where(a => a.Url.EndsWith("/sitemap-2019.xml", StringComparison.Ordinal)).Select(a => a.Status)
            .Should().Equal([HttpStatusCode.OK], "the first watcher reads the child whole");

        // A new process: new stores on the same store, a new fetcher, a new runner; nothing kept in memory.
        clock.AdvanceTo(clock.GetUtcNow() + TimeSpan.FromMinutes(50));
        var second = new Recorder(web);
        using (var fetcher = new PoliteFetcher(second, clock, fetchOptions))
        {
            var articles = _stores.OpenArticles();
            var sources = _stores.OpenSources();
            sources.FindListing($"https://{outlet.Host}/sitemap-2019.xml")
                .Should().NotBeNull("the child's validators were saved with its items");
            await new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = clock }).PollAsync(dueOnly: false);
        }
        second.Answers.Where(a => a.Url.EndsWith("/sitemap-2019.xml", StringComparison.Ordinal)).Select(a => a.Status)
            .Should().Equal([HttpStatusCode.NotModified], "the restarted watcher asks with the kept validators");
    }
}
