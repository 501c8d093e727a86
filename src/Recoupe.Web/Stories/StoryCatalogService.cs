using System.Diagnostics;
using Recoupe.App;
using Recoupe.Core.Storage;
using Recoupe.Web.Alerts;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Stories;

/// <summary>
/// The server's side of the stories kept in the store: the application's <see cref="StoryCatalog"/> over the writer's
/// connection (updates) and the readers' connections (snapshots), with what it does said in the server's log. Another
/// process writing to the same store (<c>recoupe ingest</c>, <c>recluster</c>) is noticed by <see cref="StoreChanges"/>.
/// </summary>
public sealed class StoryCatalogService(WriteStore writer, ReadStores readers, StoreChanges changes, ILogger<StoryCatalogService> log,
    WebAlerts alerts)
{
    private readonly StoryCatalog _catalog = new(new CatalogStores(readers, changes));

    /// <summary>The last snapshot published, as it is.</summary>
    public StorySnapshot Snapshot => _catalog.Snapshot;

    /// <summary>The stories as stored now: the snapshot is read again first when the store changed since it was taken.</summary>
    public StorySnapshot Current() =>
        _catalog.Current(e => log.LogError(e, "stories: reading the stories again failed; answering with the last ones read"));

    /// <summary>Clusters the stored articles not clustered yet, saves the stories and publishes them (writer thread only).</summary>
    public void Update()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var run = _catalog.Update(new StoryIndexer(writer.Store, writer.Stories));
            foreach (var (articleId, error) in run.Failures)
                log.LogWarning("stories: article {Article} not clustered: {Error}", articleId, error);
            if (run.Reclustered is { } why) log.LogInformation("stories: every article clustered again ({Reason})", why);
            if (run.Clustered > 100)
                log.LogInformation("stories: {Articles} articles clustered in {Seconds:0.0} s", run.Clustered, clock.Elapsed.TotalSeconds);
            alerts.Detect();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The articles are stored whatever happens here; the next batch (or `recoupe recluster`) catches up.
            log.LogError(e, "stories: update failed; the articles are stored");
        }
    }

    private sealed class CatalogStores(ReadStores readers, StoreChanges changes) : IStoryCatalogStores
    {
        public T ReadArticles<T>(Func<IArticleReadStore, T> read) => readers.Read(store => read(store));
        public T ReadStories<T>(Func<IStoryReadStore, T> read) => readers.ReadStories(store => read(store));
        public long Version() => changes.Version();
    }
}
