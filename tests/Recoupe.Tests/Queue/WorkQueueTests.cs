using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Queue;
using Recoupe.Store.Postgres;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Queue;

/// <summary>
/// A fact that needs RabbitMQ (RECOUPE_TEST_AMQP) and PostgreSQL (RECOUPE_TEST_POSTGRES), and optionally a file under
/// ../shared; skipped with the reason without them, except that under CI=true a missing server fails the test instead.
/// </summary>
public sealed class QueueFactAttribute : FactAttribute
{
    public static string? AmqpUrl { get; } = Environment.GetEnvironmentVariable("RECOUPE_TEST_AMQP") is { Length: > 0 } url ? url : null;

    public QueueFactAttribute(string? shared = null)
    {
        if (shared is not null && SharedData.Find(shared) is null) Skip = $"needs ../shared/{shared}, which is not present beside this checkout";
        else if (Environment.GetEnvironmentVariable("CI") == "true") return; // CI must run them: a missing server fails them with its reason
        else if (AmqpUrl is null) Skip = "needs RabbitMQ: set RECOUPE_TEST_AMQP (e.g. amqp://guest:guest@localhost:5672/); .ci/run does";
        else if (TestPostgres.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>
/// The sample articles through the work queue: published, consumed by two workers into one PostgreSQL store, grouped by
/// the one assigner. Each test has queues of its own (a unique name) and a fresh schema.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class WorkQueueTests : IDisposable
{
    private readonly TestStores _stores = new(StoreKind.Postgres);
    private readonly QueueOptions _options = new() { Raw = $"recoupe-test-{Guid.NewGuid():N}", Prefetch = 4 };
    private readonly List<RawArticleQueue> _queues = [];

    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            queue.Channel.QueueDeleteAsync(_options.Raw, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            queue.Channel.QueueDeleteAsync(_options.Dead, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
            queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
            break;
        }
        foreach (var queue in _queues.Skip(1)) queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stores.Dispose();
    }

    private RawArticleQueue Connect()
    {
        var queue = RawArticleQueue.ConnectAsync(QueueFactAttribute.AmqpUrl!, _options).GetAwaiter().GetResult();
        _queues.Add(queue);
        return queue;
    }

    private static List<RawArticle> Samples() =>
        ArticleReader.Read([Path.Combine(SharedData.SamplesDir, "articles")]).OfType<ReadArticle>().Select(r => r.Article).ToList();

    /// <summary>Runs workers (each with its own connection and store object) until the queue has been empty for two seconds.</summary>
    private List<WorkerCounts> RunWorkers(int count)
    {
        var workers = Enumerable.Range(0, count).Select(_ => new QueueWorker(Connect(), _stores.OpenArticles(), DefaultPipeline.Create())).ToList();
        Task.WaitAll(workers.Select(w => Task.Run(() => w.RunAsync(CancellationToken.None, TimeSpan.FromSeconds(3)))).ToArray());
        return workers.Select(w => w.Counts).ToList();
    }

    [QueueFact]
    public void Two_workers_store_each_article_once_and_the_assigner_groups_them_as_the_embedded_mode_does()
    {
        var samples = Samples();
        new QueuePublisher(Connect()).PublishAsync(samples).GetAwaiter().GetResult().Published.Should().Be(samples.Count);

        var counts = RunWorkers(2);

        var articles = _stores.OpenArticles();
        var stories = _stores.OpenStories();
        counts.Sum(c => c.Stored).Should().Be(articles.Count(), "each article was stored by one worker");
        counts.Sum(c => c.Stored + c.Duplicates).Should().Be(samples.Count, "every message was handled once");
        counts.Should().OnlyContain(c => c.Stored > 0, "both workers took a share");
        using var lease = new PostgresWriterLease(new PostgresDatabase(_stores.Location), "story-assigner");
        var assigner = new StoryAssigner(articles, stories, lease, TimeSpan.FromMilliseconds(100));
        using (var stop = new CancellationTokenSource())
        {
            var run = assigner.RunAsync(stop.Token);
            SpinWait.SpinUntil(() => assigner.Active && stories.PendingArticles() == 0, TimeSpan.FromSeconds(60)).Should().BeTrue();
            stop.Cancel();
            run.Wait();
        }
        var assigned = stories.Assignments();
        assigned.Keys.Should().BeEquivalentTo(articles.List().Select(a => a.Id), "every article is in exactly one story");

        // The embedded mode on the same articles in the same order: a recluster from scratch gives the same stories.
        var ids = stories.List().Select(s => s.Id).ToList();
        new StoryIndexer(articles, stories).Recluster();
        stories.Assignments().Should().BeEquivalentTo(assigned);
        stories.List().Select(s => s.Id).Should().BeEquivalentTo(ids);
    }

    [QueueFact]
    public void A_message_delivered_twice_is_stored_once()
    {
        var samples = Samples().Take(5).ToList();
        var publisher = new QueuePublisher(Connect());
        publisher.PublishAsync(samples).GetAwaiter().GetResult();
        publisher.PublishAsync(samples).GetAwaiter().GetResult(); // as a worker killed before its ack would leave them

        var counts = RunWorkers(2);

        _stores.OpenArticles().Count().Should().Be(counts.Sum(c => c.Stored));
        counts.Sum(c => c.Duplicates).Should().BeGreaterThanOrEqualTo(5);
        counts.Sum(c => c.Stored + c.Duplicates).Should().Be(10);
    }

    [QueueFact]
    public void A_poison_message_goes_to_the_dead_letter_queue_with_its_reason_after_three_tries()
    {
        var queue = Connect();
        var empty = new RawArticle { Source = "empty.txt", Format = InputFormat.Text, Raw = "   " };
        queue.PublishAsync(empty).GetAwaiter().GetResult();
        queue.PublishAsync(Samples()[0]).GetAwaiter().GetResult();

        var counts = RunWorkers(1);

        counts[0].Stored.Should().Be(1);
        counts[0].Retried.Should().Be(2);
        counts[0].DeadLettered.Should().Be(1);
        // What `status` and /api/status show: the dead letter's source, reason and tries, left in the queue.
        for (var look = 0; look < 2; look++)
        {
            var peeked = queue.PeekDeadLettersAsync(10).GetAwaiter().GetResult().Should().ContainSingle().Subject;
            peeked.Source.Should().Be("empty.txt");
            peeked.Reason.Should().NotBeNullOrEmpty();
            peeked.Tries.Should().Be(3);
        }
        var dead = queue.Channel.BasicGetAsync(_options.Dead, autoAck: true).GetAwaiter().GetResult();
        dead.Should().NotBeNull();
        RawArticleQueue.Decode(dead!.Body).Source.Should().Be("empty.txt");
        dead.BasicProperties.Headers![QueueNames.ReasonHeader].Should().NotBeNull();
        System.Text.Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers[QueueNames.ReasonHeader]!).Should().NotBeEmpty();
    }

    [QueueFact]
    public void A_standby_assigner_takes_over_when_the_active_one_loses_its_lease()
    {
        var database = new PostgresDatabase(_stores.Location);
        using var first = new PostgresWriterLease(database, "story-assigner");
        using var second = new PostgresWriterLease(database, "story-assigner");
        first.TryAcquire().Should().BeTrue();
        second.TryAcquire().Should().BeFalse("one assigner at a time");
        first.Dispose(); // its session ends, as when the process is killed
        SpinWait.SpinUntil(second.TryAcquire, TimeSpan.FromSeconds(10)).Should().BeTrue();
        database.Dispose();
    }
}
