using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Web.Hosting;
using Recoupe.Web.Storage;
using Recoupe.Web.Stories;

namespace Recoupe.Web.Ingest;

/// <summary>The server is stopping and takes no more articles.</summary>
public sealed class IngestClosedException() : Exception("the server is shutting down and takes no more articles");

/// <summary>
/// The one writer: ingest requests wait in a channel and a single background thread stores them with
/// <see cref="IngestRunner"/> on the one write connection, so SQLite never sees two writers from this process.
/// Requests that are waiting together are run as one batch (the runner's pipeline threads then work on all of them),
/// and each gets back its own items' results, in order.
/// </summary>
public sealed class IngestQueue : BackgroundService
{
    /// <summary>Items gathered into one run of the runner, so one huge backlog does not delay every result.</summary>
    private const int MaxItemsPerRun = 2000;

    private readonly Channel<IngestJob> _jobs;
    private readonly IngestRunner _runner;
    private readonly BusyAwareStore _store;
    private readonly StoryCatalogService _stories;
    private readonly WriteStore _writer;
    private readonly ILogger<IngestQueue> _log;

    public IngestQueue(WriteStore writer, StoryCatalogService stories, IOptions<RecoupeWebOptions> options, ILogger<IngestQueue> log)
    {
        _jobs = Channel.CreateBounded<IngestJob>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _store = new BusyAwareStore(writer.Store, writer.Factory.IsBusy);
        _runner = new IngestRunner(_store, DefaultPipeline.Create());
        _stories = stories;
        _writer = writer;
        _log = log;
    }

    /// <summary>Articles stored, duplicates and failures since the server started (for the status endpoint).</summary>
    public IngestCounts Counts { get; } = new();

    /// <summary>
    /// Queues the items and waits for their results (one per item, in order). The items are stored even when
    /// <paramref name="cancellation"/> fires after they were queued: a write that was accepted is not dropped.
    /// </summary>
    public async Task<IReadOnlyList<IngestItemResult>> IngestAsync(IReadOnlyList<ReadItem> items, CancellationToken cancellation)
    {
        if (items.Count == 0) return [];
        var job = new IngestJob(items);
        try
        {
            await _jobs.Writer.WriteAsync(job, cancellation).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new IngestClosedException();
        }
        return await job.Done.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's thread, in turn with the ingest requests (the watcher's writes go
    /// through here, so the store still has one writer), and gives back its result.
    /// </summary>
    public async Task<T> OnWriterAsync<T>(Func<T> work, CancellationToken cancellation = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new IngestJob([])
        {
            Work = () =>
            {
                try { done.TrySetResult(work()); }
                catch (Exception e) { done.TrySetException(e); }
            },
        };
        try
        {
            await _jobs.Writer.WriteAsync(job, cancellation).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new IngestClosedException();
        }
        return await done.Task.ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // No new requests; the writer finishes the queued ones, then its loop ends.
        _jobs.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void WriteLoop()
    {
        LoadStories();
        var reader = _jobs.Reader;
        var batch = new List<IngestJob>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            var items = 0;
            while (items < MaxItemsPerRun && reader.TryRead(out var job))
            {
                if (job.Work is { } work)
                {
                    // Work queued after requests runs after them, so writes keep the order they were queued in.
                    if (batch.Count > 0) Run(batch);
                    batch.Clear();
                    items = 0;
                    work();
                    continue;
                }
                batch.Add(job);
                items += job.Items.Count;
            }
            if (batch.Count > 0) Run(batch);
        }
    }

    /// <summary>
    /// Clusters what is stored but not yet in a story (ingested while the server was down, or left pending by a command
    /// killed before its grouping committed), before taking new articles.
    /// </summary>
    private void LoadStories() => _stories.Update();

    /// <summary>
    /// Adds the newly stored articles to the stories and lets readers see them; also after a batch of duplicates when
    /// an earlier update failed and left articles pending, so they do not wait for the next new article.
    /// </summary>
    private void UpdateStories(List<IngestItemResult> results)
    {
        if (results.Any(r => r.Status == IngestStatus.Stored) || _writer.Stories.PendingArticles() > 0) _stories.Update();
    }

    private void Run(List<IngestJob> batch)
    {
        var results = new List<IngestItemResult>(batch.Sum(j => j.Items.Count));
        _store.BeginRun();
        try
        {
            _runner.Run(batch.SelectMany(j => j.Items), results.Add);
        }
        catch (Exception e)
        {
            _log.LogError(e, "ingest batch failed");
            foreach (var job in batch) job.Done.TrySetException(e);
            return;
        }

        UpdateStories(results);

        // The runner reports exactly one result per item, in input order: hand each request its own stretch.
        var next = 0;
        foreach (var job in batch)
        {
            var count = job.Items.Count;
            if (next + count > results.Count)
            {
                job.Done.TrySetException(new InvalidOperationException(
                    $"the ingest runner reported {results.Count} results for {batch.Sum(j => j.Items.Count)} items"));
                continue;
            }
            var own = results.GetRange(next, count);
            next += count;
            Counts.Add(own);
            job.Done.TrySetResult(own);
        }
    }

    private sealed class IngestJob(IReadOnlyList<ReadItem> items)
    {
        public IReadOnlyList<ReadItem> Items { get; } = items;
        /// <summary>Work to run on the writer's thread instead of items to store (<see cref="OnWriterAsync"/>).</summary>
        public Action? Work { get; init; }
        public TaskCompletionSource<IReadOnlyList<IngestItemResult>> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Running totals of what the writer did.</summary>
public sealed class IngestCounts
{
    private long _stored, _duplicates, _failed;

    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Failed => Interlocked.Read(ref _failed);

    internal void Add(IEnumerable<IngestItemResult> results)
    {
        foreach (var result in results)
        {
            switch (result.Status)
            {
                case IngestStatus.Stored: Interlocked.Increment(ref _stored); break;
                case IngestStatus.Duplicate: Interlocked.Increment(ref _duplicates); break;
                default: Interlocked.Increment(ref _failed); break;
            }
        }
    }
}
