using Recoupe.App;
using Recoupe.App.Alerts;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Postgres;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;
using Recoupe.Tests.Watch;

namespace Recoupe.Tests.Alerts;

/// <summary>
/// A store of one kind (SQLite, or PostgreSQL when the tests have a server) fed with sample articles folder by folder,
/// grouped and checked for alerts after each folder as ingest does, the detector's clock a simulated one (an hour later
/// at each step) so that event times say which step found them.
/// </summary>
public sealed class AlertStore : IDisposable
{
    private readonly TestStores _stores;

    public AlertStore(StoreKind kind = StoreKind.Sqlite)
    {
        _stores = new TestStores(kind);
        Articles = _stores.OpenArticles();
        Stories = _stores.OpenStories();
        Alerts = kind == StoreKind.Sqlite ? new SqliteAlertStore(_stores.Location) : new PostgresAlertStore(_stores.Location);
    }

    public IArticleStore Articles { get; }
    public IStoryStore Stories { get; }
    public AlertTables Alerts { get; }
    public SimulatedClock Clock { get; } = new(new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Ingests samples/articles/FOLDER (all when none), groups, and runs the detector an hour after the last step.</summary>
    public AlertRun Ingest(params string[] folders)
    {
        var paths = folders.Length == 0
            ? [System.IO.Path.Combine(SharedData.SamplesDir, "articles")]
            : folders.Select(f => System.IO.Path.Combine(SharedData.SamplesDir, "articles", f)).ToArray();
        new IngestRunner(Articles) { Parallelism = 2 }.Run(paths);
        new StoryIndexer(Articles, Stories).Update();
        Clock.AdvanceTo(Clock.GetUtcNow().AddHours(1));
        return Detect();
    }

    /// <summary>How long the last detection took (printed by tests as a figure, never asserted).</summary>
    public TimeSpan LastDetection { get; private set; }

    public AlertRun Detect()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = new AlertDetector(Alerts, Stories, Articles, Clock).Run();
        LastDetection = watch.Elapsed;
        return run;
    }

    public void Dispose()
    {
        Alerts.Dispose();
        _stores.Dispose();
    }
}
