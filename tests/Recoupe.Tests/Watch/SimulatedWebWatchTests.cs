using Recoupe.App;
using Recoupe.Core.Storage;
using Recoupe.Ingest.Watch;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Watch;

/// <summary>
/// <c>watch</c> against an in-process web of 50+ outlets over a simulated clock, with the real web's faults: every
/// article that can be had is stored exactly once, updates become versions, robots.txt is obeyed, and no host ever
/// gets two requests at once; stopped mid-poll and started again, it loses nothing and fetches no stored page again.
/// </summary>
public sealed class SimulatedWebWatchTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromHours(10);

    private readonly List<TestStores> _stores = [];

    public void Dispose()
    {
        foreach (var stores in _stores) stores.Dispose();
    }

    private TestStores Stores(StoreKind kind)
    {
        var stores = new TestStores(kind);
        _stores.Add(stores);
        return stores;
    }

    /// <summary>
    /// The store, sources and watcher of one run (a "process"), over the shared simulated web and clock: new store
    /// objects on the test's store (closed with it).
    /// </summary>
    private sealed class Watcher : IDisposable
    {
        public Watcher(TestStores stores, SimulatedWeb web, SimulatedClock clock)
        {
            Articles = stores.OpenArticles();
            Sources = stores.OpenSources();
            Stories = stores.OpenStories();
            Fetcher = new PoliteFetcher(web, clock, new FetchOptions
            {
                MinDelayPerHost = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1), MaxBytes = ReadLimitsMegabyte,
            });
            var indexer = new StoryIndexer(Articles, Stories);
            Runner = new WatchRunner(Sources, Articles, Fetcher, new WatchOptions { Clock = clock, Parallelism = 8 })
            {
                Group = () => $"stories: {indexer.Update().Clustered} article(s) clustered",
            };
        }

        private const long ReadLimitsMegabyte = 1024 * 1024;

        public IArticleStore Articles { get; }
        public ISourceStore Sources { get; }
        public IStoryStore Stories { get; }
        public PoliteFetcher Fetcher { get; }
        public WatchRunner Runner { get; }

        /// <summary>Watches until the simulated clock reaches <paramref name="until"/> or <paramref name="stop"/> is cancelled.</summary>
        public async Task RunUntil(SimulatedClock clock, DateTimeOffset until, CancellationTokenSource stop)
        {
            try
            {
                await Runner.RunAsync(_ => { if (clock.GetUtcNow() >= until) stop.Cancel(); }, stop.Token);
            }
            catch (OperationCanceledException) { }
        }

        public void Dispose() => Fetcher.Dispose();
    }

    private static void AddSources(ISourceStore sources, SimulatedWeb web)
    {
        foreach (var outlet in web.Outlets)
            sources.Add(outlet.SourceUrl, outlet.Name, TimeSpan.FromMinutes(10), Start.UtcDateTime, out _);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Watching_fifty_faulty_outlets_for_a_simulated_day_stores_each_reachable_article_once_and_politely(StoreKind kind)
    {
        var clock = new SimulatedClock(Start);
        var web = SimulatedWeb.Create(52, clock, Span);
        using (var watcher = new Watcher(Stores(kind), web, clock))
        {
            AddSources(watcher.Sources, web);
            await watcher.RunUntil(clock, Start + Span + TimeSpan.FromHours(2), new CancellationTokenSource());
            Report(web, watcher);
            CheckEveryReachableArticleStoredOnce(web, watcher, clock.GetUtcNow());
            CheckPoliteness(web);
            CheckUpdatesAreVersions(web, watcher, clock.GetUtcNow());
            watcher.Stories.PendingArticles().Should().Be(0, "every stored article was grouped into a story as it came");
            web.Outlets.Where(o => o.Fault == OutletFault.RateLimited)
                .Should().OnlyContain(o => watcher.Sources.List().Single(s => s.Url == o.SourceUrl).State.TotalErrors >= 1,
                    "a 429 counts as an error of that source, which waits before polling it again");
        }
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task A_watcher_stopped_mid_poll_and_started_again_loses_nothing_and_fetches_no_stored_page_again(StoreKind kind)
    {
        var clock = new SimulatedClock(Start);
        var web = SimulatedWeb.Create(52, clock, Span);
        var stores = Stores(kind);
        var stop = new CancellationTokenSource();
        var killAt = 0L;
        using (var first = new Watcher(stores, web, clock))
        {
            AddSources(first.Sources, web);
            // Stopped in the middle of a poll: at a request some hours in, whatever it was doing.
            web.OnRequest = uri =>
            {
                if (killAt == 0 && clock.GetUtcNow() >= Start + TimeSpan.FromHours(4) && uri.AbsolutePath.Contains("/news/", StringComparison.Ordinal))
                {
                    killAt = web.Requests;
                    stop.Cancel();
                }
            };
            await first.RunUntil(clock, Start + Span * 2, stop);
        }
        web.OnRequest = null;
        killAt.Should().BeGreaterThan(0, "the watcher was stopped while fetching a page");

        Dictionary<string, int> fetchedBefore;
        {
            var reopened = stores.OpenArticles();
            fetchedBefore = reopened.All().Select(a => a.Metadata.Url!).Distinct().ToDictionary(u => u, web.RequestsFor);
            output.WriteLine($"stopped at request {killAt}, {clock.GetUtcNow():HH:mm} simulated; {fetchedBefore.Count} article(s) stored by then");
        }

        using var second = new Watcher(stores, web, clock);
        await second.RunUntil(clock, Start + Span + TimeSpan.FromHours(2), new CancellationTokenSource());
        Report(web, second);
        var now = clock.GetUtcNow();
        CheckEveryReachableArticleStoredOnce(web, second, now);
        CheckPoliteness(web, fetchesPerPage: 2);
        CheckUpdatesAreVersions(web, second, now);
        var updated = web.Outlets.SelectMany(o => o.Articles.Where(a => a.Updated is not null).Select(a => a.Url(o))).ToHashSet();
        fetchedBefore.Where(kv => !updated.Contains(kv.Key) && web.RequestsFor(kv.Key) != kv.Value).Select(kv => kv.Key)
            .Should().BeEmpty("a page stored before the stop is not fetched again after it");
    }

    private void Report(SimulatedWeb web, Watcher watcher)
    {
        var sources = watcher.Sources.List();
        output.WriteLine($"{web.Requests} requests, {watcher.Fetcher.Stats.NotModified} answered 304, {watcher.Articles.Count()} articles stored, " +
                         $"{sources.Sum(s => s.State.TotalErrors)} failed polls");
        foreach (var s in sources.Where(s => s.State.Items == 0))
            output.WriteLine($"no items: {s.Url} ({s.State.LastError})");
    }

    private static void CheckEveryReachableArticleStoredOnce(SimulatedWeb web, Watcher watcher, DateTimeOffset now)
    {
        var stored = watcher.Articles.All().Select(a => a.Metadata.Url).ToList();
        stored.Should().OnlyHaveUniqueItems("an article reached by two links, or polled twice, is stored once");
        var known = web.Outlets.SelectMany(o => o.Articles.Select(a => a.Url(o))).ToHashSet();
        stored.Should().OnlyContain(url => url != null && known.Contains(url), "every stored article is one article of the web, under its canonical URL");

        var reachable = web.Outlets.SelectMany(o => o.Articles
                .Where(a => web.WasListed(a) && (o.ListingHasContent || !o.PageUnreachable(a)))
                .Select(a => a.Url(o)))
            .ToList();
        reachable.Should().HaveCountGreaterThan(500);
        reachable.Except(stored!).Should().BeEmpty("every article listed whose page or feed content could be had is stored");
        var unreachable = web.Outlets.SelectMany(o => o.Articles.Where(a => !o.ListingHasContent && o.PageUnreachable(a)).Select(a => a.Url(o)));
        stored.Intersect(unreachable).Should().BeEmpty("a page that cannot be had (forbidden, missing, looping, too large) is not invented");
    }

    /// <param name="fetchesPerPage">1; 2 after a stop, for the pages fetched by the stopped poll but not stored yet.</param>
    private static void CheckPoliteness(SimulatedWeb web, int fetchesPerPage = 1)
    {
        web.Overlaps.Should().Be(0, "no host ever gets two requests at once");
        web.ForbiddenFetched.Should().BeEmpty("no path robots.txt forbids to us is fetched");
        // A page is fetched once, again only when its listing says it changed (or its first fetch timed out).
        foreach (var outlet in web.Outlets.Where(o => o.Fault is OutletFault.None or OutletFault.WrongContentTypes))
            foreach (var a in outlet.Articles.Where(a => a.Updated is null && web.WasListed(a) && !outlet.PageUnreachable(a)))
                web.RequestsFor(a.Url(outlet)).Should().BeLessThanOrEqualTo(fetchesPerPage, $"{a.Url(outlet)} is fetched at most {fetchesPerPage} time(s)");
    }

    private static void CheckUpdatesAreVersions(SimulatedWeb web, Watcher watcher, DateTimeOffset now)
    {
        var byUrl = watcher.Articles.All().ToDictionary(a => a.Metadata.Url!, a => a);
        var checkedUpdates = 0;
        foreach (var outlet in web.Outlets.Where(o => o.Fault == OutletFault.None && o.Kind != OutletKind.HomePageWithSitemap))
        {
            foreach (var a in outlet.Articles.Where(a => a.Updated is { } u && u < now - TimeSpan.FromHours(1) && web.WasListed(a) && !outlet.PageUnreachable(a)))
            {
                var article = byUrl[a.Url(outlet)];
                article.Text.Should().Contain("Update:", $"{a.Url(outlet)} changed and its latest text is the article's");
                watcher.Sources.CountVersions(article.Id).Should().Be(2, "the former text is kept as a version");
                checkedUpdates++;
            }
        }
        checkedUpdates.Should().BeGreaterThan(5);
    }
}
