using System.Diagnostics;
using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Ingest;
using Recoupe.Queue;
using Recoupe.Tests.Crash;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Queue;

/// <summary>
/// The queue tests share one RabbitMQ, which one of them restarts: they run one at a time, after the tests that may
/// run in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ";
}

/// <summary>
/// fr-news through the work queue with real processes (`recoupe worker` ×2, `recoupe assign`) and a fault during the
/// run: a worker killed with SIGKILL halfway and restarted, the active assigner killed and its standby taking over,
/// RabbitMQ restarted. Each run must end with every article stored once and in exactly one story, and with the stories
/// the embedded mode makes of the same articles in the same (id) order. With CI=true the worker test runs the whole of
/// fr-news (4,962 articles) and the others its first 1,000; otherwise 300 and 200.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class QueueFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private static readonly bool InCi = Environment.GetEnvironmentVariable("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase));
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(InCi ? 20 : 6);

    private readonly TestStores _stores = new(StoreKind.Postgres);
    private readonly QueueOptions _options = new() { Raw = $"recoupe-fault-{Guid.NewGuid():N}" };
    private readonly List<CliProcess> _processes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private RawArticleQueue? _queue;
    private Recoupe.Core.Storage.IArticleStore? _store;

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        try
        {
            var queue = Queue;
            queue.Channel.QueueDeleteAsync(_options.Raw, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            queue.Channel.QueueDeleteAsync(_options.Dead, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            _stores.Dispose();
        }
    }

    [QueueFact(Corpus)]
    public void A_worker_killed_with_sigkill_halfway_and_restarted_loses_nothing_and_stores_nothing_twice()
    {
        var articles = Publish(InCi ? int.MaxValue : 300);
        var first = StartWorker();
        StartWorker();
        var assigner = StartAssigner();
        WaitFor(() => Stored() >= articles.Count / 2, "half the articles stored");
        first.KillNine().Should().BeTrue("the worker was still running halfway");
        Say($"worker killed with SIGKILL at {Stored()} stored");
        StartWorker();

        Finish(articles, assigner);
    }

    [QueueFact(Corpus)]
    public void The_standby_assigner_takes_over_when_the_active_one_is_killed_and_resumes_where_it_stopped()
    {
        var articles = Publish(InCi ? 1000 : 200);
        var active = StartAssigner();
        WaitFor(() => active.Output.Contains("assigner active", StringComparison.Ordinal), "the first assigner active");
        var standby = StartAssigner();
        WaitFor(() => standby.Output.Contains("assigner standby", StringComparison.Ordinal), "the second assigner standing by");
        StartWorker();
        StartWorker();
        var stories = _stores.OpenStories();
        WaitFor(() => Stored() >= articles.Count / 2 && stories.Count() > 0, "half the articles stored and some grouped");
        active.KillNine().Should().BeTrue("the assigner was still running");
        Say($"active assigner killed with SIGKILL at {Stored()} stored, {stories.PendingArticles()} waiting for a story");
        WaitFor(() => standby.Output.Contains("assigner active", StringComparison.Ordinal), "the standby taking the lease");

        Finish(articles, standby);
    }

    [QueueFact(Corpus)]
    public void Rabbitmq_restarted_during_the_run_is_reconnected_to_by_the_publisher_and_the_workers()
    {
        var restart = RabbitMqRestart.SkipReason;
        if (restart is not null && !InCi)
        {
            output.WriteLine($"skipped: {restart}");
            return;
        }
        var articles = Articles(InCi ? 1000 : 200);
        StartWorker();
        StartWorker();
        var assigner = StartAssigner();
        var queue = Queue;
        // Published while the workers run, so that the restart cuts the publisher too.
        var publishing = new QueuePublisher(queue).PublishAsync(articles);
        WaitFor(() => Stored() >= articles.Count / 4, "a quarter of the articles stored");
        Say($"stopping RabbitMQ at {Stored()} stored");
        RabbitMqRestart.Run(() => Say($"RabbitMQ stopped at {Stored()} stored"));
        Say($"RabbitMQ back at {Stored()} stored");
        publishing.Wait(Patience).Should().BeTrue("the publisher reconnects and publishes the rest");
        publishing.Result.Published.Should().Be(articles.Count);

        Finish(articles, assigner);
    }

    /// <summary>Waits until every article is stored and grouped, stops the processes, then checks the store.</summary>
    private void Finish(IReadOnlyList<RawArticle> articles, CliProcess assigner)
    {
        var stories = _stores.OpenStories();
        WaitFor(() => Stored() >= articles.Count && stories.PendingArticles() == 0 && Depth() == 0, "every article stored and grouped");
        foreach (var process in _processes.Where(p => !p.HasExited)) process.Terminate(TimeSpan.FromMinutes(1));
        Say($"done: {Stored()} stored, {stories.Count()} stories");

        var store = Store;
        store.Count().Should().Be(articles.Count, "each article stored exactly once (the cleaned text's hash is unique)");
        var dead = Queue.DepthAsync(_options.Dead).GetAwaiter().GetResult().Messages;
        dead.Should().Be(0u, "no article went to the dead letters");
        var assigned = stories.Assignments();
        assigned.Keys.Should().BeEquivalentTo(store.List().Select(a => a.Id), "every article is in exactly one story");
        stories.List().Sum(s => s.Size).Should().Be(articles.Count, "no article counted in two stories");

        // The embedded mode on the same articles in the same (id) order: a recluster from scratch makes the same stories.
        var ids = stories.List().Select(s => s.Id).ToList();
        new StoryIndexer(store, stories).Recluster();
        stories.Assignments().Should().BeEquivalentTo(assigned, "the assigner grouped as the embedded mode does");
        stories.List().Select(s => s.Id).Should().BeEquivalentTo(ids);
    }

    private static List<RawArticle> Articles(int count) =>
        ArticleReader.Read([SharedData.Find(Corpus)!]).OfType<ReadArticle>().Select(r => r.Article).Take(count).ToList();

    private List<RawArticle> Publish(int count)
    {
        var articles = Articles(count);
        new QueuePublisher(Queue).PublishAsync(articles).GetAwaiter().GetResult().Published.Should().Be(articles.Count);
        Say($"published {articles.Count} articles");
        return articles;
    }

    /// <summary>The test's own connection (it reconnects by itself after a RabbitMQ restart).</summary>
    private RawArticleQueue Queue => _queue ??= RawArticleQueue.ConnectAsync(QueueFactAttribute.AmqpUrl!, _options).GetAwaiter().GetResult();

    private Recoupe.Core.Storage.IArticleStore Store => _store ??= _stores.OpenArticles();

    private CliProcess StartWorker() =>
        Started(CliProcess.Start("worker", "--db", _stores.CliLocation, "--queue", QueueFactAttribute.AmqpUrl!, "--queue-name", _options.Raw));

    private CliProcess StartAssigner() => Started(CliProcess.Start("assign", "--db", _stores.CliLocation, "--every-ms", "200"));

    private CliProcess Started(CliProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private long Stored() => Store.Count();

    private uint Depth()
    {
        try
        {
            return Queue.DepthAsync(_options.Raw).GetAwaiter().GetResult().Messages;
        }
        catch (Exception e) when (RawArticleQueue.IsConnectionLoss(e))
        {
            return uint.MaxValue; // RabbitMQ not back yet
        }
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        if (SpinWait.SpinUntil(() => { Thread.Sleep(250); return condition(); }, Patience)) return;
        var outputs = string.Join("\n---\n", _processes.Select(p => p.Output[Math.Max(0, p.Output.Length - 3000)..]));
        throw new TimeoutException($"not reached within {Patience}: {what} ({Stored()} stored)\n{outputs}");
    }

    private void Say(string line) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {line}");
}
