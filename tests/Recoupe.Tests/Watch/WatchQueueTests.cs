using Recoupe.Core.Pipeline;
using Recoupe.Queue;
using Recoupe.Tests.Cli;
using Recoupe.Tests.Queue;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Watch;

/// <summary>
/// <c>watch --queue</c>: new articles go to the work queue (as <c>ingest --queue</c> sends them), not to the store; a
/// worker then stores each once. Queues of its own (a unique name) and a fresh PostgreSQL schema.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class WatchQueueTests : IDisposable
{
    private readonly TestStores _stores = new(StoreKind.Postgres);
    private readonly QueueOptions _options = new() { Raw = $"recoupe-test-watch-{Guid.NewGuid():N}" };
    private RawArticleQueue? _queue;

    public void Dispose()
    {
        if (_queue is not null)
        {
            _queue.Channel.QueueDeleteAsync(_options.Raw, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            _queue.Channel.QueueDeleteAsync(_options.Dead, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            _queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _stores.Dispose();
    }

    [QueueFact]
    public async Task Watch_with_a_queue_publishes_new_articles_instead_of_storing_them_and_a_worker_stores_each_once()
    {
        var clock = new SimulatedClock(DateTimeOffset.UtcNow - TimeSpan.FromHours(3));
        var web = SimulatedWeb.Create(14, clock, TimeSpan.FromHours(3));
        var root = WatchCliTests.Root(web, clock);
        var db = _stores.CliLocation;
        foreach (var outlet in web.Outlets.Where(o => o.Fault == OutletFault.None))
            CliRun.Of(["sources", "add", outlet.SourceUrl, "--db", db], root).ExitCode.Should().Be(0);
        clock.AdvanceTo(DateTimeOffset.UtcNow);
        string[] watch = ["watch", "--once", "--db", db, "--queue", QueueFactAttribute.AmqpUrl!, "--queue-name", _options.Raw];

        var first = CliRun.Of(watch, root);
        first.ExitCode.Should().Be(0, first.Error);
        first.Out.Should().Contain("published to the queue").And.NotContain("stories:", "the assigner groups, not the publisher");
        _stores.OpenArticles().Count().Should().Be(0, "the workers store, not the watcher");
        _queue = await RawArticleQueue.ConnectAsync(QueueFactAttribute.AmqpUrl!, _options);
        var (published, _) = await _queue.DepthAsync(_options.Raw);
        published.Should().BeGreaterThan(10);
        first.Error.Should().Contain($"published {published} article(s)");
        int PageRequests() => web.Outlets.SelectMany(o => o.Articles.Select(a => web.RequestsFor(a.Url(o)))).Sum();
        var pageRequests = PageRequests();

        var second = CliRun.Of(watch, root);
        second.ExitCode.Should().Be(0, second.Error);
        (await _queue.DepthAsync(_options.Raw)).Messages.Should().Be(published, "a published item is known: nothing is fetched or published twice");
        PageRequests().Should().Be(pageRequests);

        var worker = new QueueWorker(_queue, _stores.OpenArticles(), DefaultPipeline.Create());
        await worker.RunAsync(CancellationToken.None, TimeSpan.FromSeconds(3));
        var articles = _stores.OpenArticles();
        articles.Count().Should().Be(published, "each published article is stored once by the worker");
        articles.All().Select(a => a.Metadata.Url).Should().OnlyHaveUniqueItems();
        var known = web.Outlets.SelectMany(o => o.Articles.Select(a => a.Url(o))).ToHashSet();
        articles.All().Should().OnlyContain(a => known.Contains(a.Metadata.Url!), "the watcher's canonical URL rides with the raw article");
    }
}
