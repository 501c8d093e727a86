using Microsoft.Extensions.Options;
using Recoupe.App;
using Recoupe.Ingest.Watch;
using Recoupe.Web.Hosting;
using Recoupe.Web.Ingest;
using Recoupe.Web.Storage;
using Recoupe.Web.Stories;

namespace Recoupe.Web.Watch;

/// <summary>What the server's watcher fetches with and schedules by; tests put a simulated web and clock here.</summary>
public sealed record ServerWatch
{
    public Func<PoliteFetcher> CreateFetcher { get; init; } = () => PoliteFetcher.ForNetwork();
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// <c>serve --watch</c> (<c>Recoupe:Watch</c>): the server polls the watched sources as <c>recoupe watch</c> does, with
/// the same <see cref="WatchRunner"/>. Its writes (articles, versions, the sources' state) and its groupings run on the
/// server's one writer thread, through the ingest queue's channel, in turn with the API's requests; its reads use
/// connections of their own. With a work queue (<c>serve --queue</c>) new articles are published there instead, as the
/// API's are, and the workers store them.
/// </summary>
public sealed class WatchService(IOptions<RecoupeWebOptions> options, WriteStore writer, IngestQueue queue, StoryCatalogService stories,
    ServerWatch watch, QueuePublishing publishing, ILogger<WatchService> log) : BackgroundService
{
    /// <summary>Rounds polled since the server started (for tests and the log).</summary>
    public int Rounds => Volatile.Read(ref _rounds);
    private int _rounds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch) return;
        await Task.Yield();
        using var articleReader = writer.Factory.OpenArticles();
        using var sourceReader = writer.Factory.OpenSources();
        using var sourceWriter = writer.Factory.OpenSources();
        using var fetcher = watch.CreateFetcher();
        IArticlePublisher? publisher = null;
        try
        {
            if (publishing.Enabled) publisher = await publishing.PublisherAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            log.LogError(e, "watch: the work queue cannot be reached; not watching (the server goes on serving)");
            return;
        }
        var runner = new WatchRunner(new WriterSourceStore(sourceReader, sourceWriter, queue), new WriterArticleStore(articleReader, writer.Store, queue),
            fetcher, new WatchOptions { Clock = watch.Clock }, publisher: publisher)
        {
            // Published articles are grouped by the assigner once the workers have stored them.
            Group = publisher is not null ? null : () => queue.OnWriterAsync(() =>
            {
                stories.Update();
                return "stories updated";
            }).GetAwaiter().GetResult(),
        };
        log.LogInformation("watching {Count} source(s)", sourceReader.List().Count);
        try
        {
            await runner.RunAsync(round =>
            {
                Interlocked.Increment(ref _rounds);
                if (round.Stored + round.Versions + round.Failed + round.Published > 0)
                    log.LogInformation("watch: {Polls} poll(s), {Stored} stored, {Published} published, {Versions} updated, {Failed} failed",
                        round.Polls.Count, round.Stored, round.Published, round.Versions, round.Failed);
            }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (IngestClosedException)
        {
            // The server is stopping: what was stored is committed, the sources' state saved per finished poll.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "watch stopped; the server goes on serving");
        }
    }
}
