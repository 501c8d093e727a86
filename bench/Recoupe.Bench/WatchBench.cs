using Recoupe.App;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Recoupe.Ingest.Watch;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Watch;

namespace Recoupe.Bench;

/// <summary>
/// <c>watch [SOURCES] [HOURS]</c>: replays a simulated day of SOURCES outlets (200; about 100 articles each a day, so
/// about 20,000 items) against the in-process test web of the watcher's tests, at full speed, through the whole watcher
/// (fetch, extract, pipeline, store, grouping per round). Prints items per second, the fetches conditional GET saved, and
/// the memory at the start, every simulated four hours, and at the end.
/// </summary>
public static class WatchBench
{
    public static int Run(string[] args)
    {
        var sources = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var hours = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromHours(hours);
        var clock = new SimulatedClock(start);
        // About 100 articles an outlet a day whatever the span, so the day's 20,000 come at their daily pace.
        var web = SimulatedWeb.Create(sources, clock, span, TimeSpan.FromMinutes(14.4));
        var articlesInWeb = web.Outlets.Sum(o => o.Articles.Count);

        var folder = Path.Combine(Path.GetTempPath(), "recoupe-watch-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "watch.db");
        try
        {
            using var articles = new SqliteArticleStore(path);
            using var sourceStore = new SqliteSourceStore(path);
            using var stories = new SqliteStoryStore(path);
            using var fetcher = new PoliteFetcher(web, clock, new FetchOptions
            {
                MinDelayPerHost = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMilliseconds(300), MaxBytes = 1024 * 1024,
            });
            foreach (var outlet in web.Outlets) sourceStore.Add(outlet.SourceUrl, outlet.Name, TimeSpan.FromMinutes(10), start.UtcDateTime, out _);
            var indexer = new StoryIndexer(articles, stories);
            var runner = new WatchRunner(sourceStore, articles, fetcher, new WatchOptions { Clock = clock, Parallelism = 8 })
            {
                Group = () => $"stories: {indexer.Update().Clustered} article(s) clustered",
            };

            Console.WriteLine($"web       {sources} outlets, {articlesInWeb} articles over {hours:0.#} simulated hours; database {path}");
            Memory("start", start, clock, path);
            var checkpoint = start + TimeSpan.FromHours(4);
            var rounds = 0;
            var clockWall = Stopwatch.StartNew();
            var committed = new List<long>();
            using var stop = new CancellationTokenSource();
            var end = start + span + TimeSpan.FromMinutes(30);
            runner.RunAsync(_ =>
            {
                rounds++;
                committed.Add(GC.GetGCMemoryInfo().TotalCommittedBytes);
                var now = clock.GetUtcNow();
                if (now >= checkpoint)
                {
                    Memory($"{(now - start).TotalHours:0}h", start, clock, path, articles.Count());
                    Committed(committed);
                    checkpoint += TimeSpan.FromHours(4);
                }
                if (now >= end) stop.Cancel();
            }, stop.Token).GetAwaiter().GetResult();
            clockWall.Stop();

            var stored = articles.Count();
            var listingsFetched = fetcher.Stats.Requests;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"items     {stored} articles stored in {clockWall.Elapsed.TotalSeconds:0.0} s: {stored / clockWall.Elapsed.TotalSeconds:0.0} items/s ({rounds} rounds)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fetches   {listingsFetched} requests, {fetcher.Stats.NotModified} answered 304 Not Modified (bodies saved by conditional GET: {100.0 * fetcher.Stats.NotModified / Math.Max(1, listingsFetched):0.0}% of requests), {fetcher.Stats.Bytes / 1048576.0:0.0} MB downloaded"));
            Console.WriteLine($"politeness overlapping requests to one host: {web.Overlaps}; forbidden paths fetched: {web.ForbiddenFetched.Count}");
            Memory("end", start, clock, path, stored);
            Committed(committed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gc        {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}, conserve memory {Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? AppContext.GetData("System.GC.ConserveMemory") ?? 0}; {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of gen 0/1/2, {GC.GetTotalPauseDuration().TotalSeconds:0.0} s paused"));
            return web.Overlaps == 0 && web.ForbiddenFetched.Count == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The working set as the run left it (before any collection here), then the live managed heap after a full
    /// collection, what the GC keeps committed, and the threads: a steady watcher keeps them flat once its tables are warm.
    /// </summary>
    private static void Memory(string when, DateTimeOffset start, SimulatedClock clock, string path, long stored = 0)
    {
        using var self = Process.GetCurrentProcess();
        var workingSet = self.WorkingSet64;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory    {when,-5} (simulated {clock.GetUtcNow() - start:hh\\:mm}, {stored} stored): live heap {GC.GetTotalMemory(false) / 1048576.0:0.0} MB, " +
            $"GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:0} MB, working set {workingSet / 1048576.0:0} MB " +
            $"(peak so far {self.PeakWorkingSet64 / 1048576.0:0} MB), " +
            $"threads {self.Threads.Count}"));
        var native = NativeHeap.Usage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"          C heap in use {native?.InUse / 1048576.0:0.0} MB, free kept {native?.Free / 1048576.0:0.0} MB, mapped {native?.Mapped / 1048576.0:0.0} MB; " +
            $"SQLite's own {SQLitePCL.raw.sqlite3_memory_used() / 1048576.0:0.0} MB; {Stories(path)}"));
    }

    /// <summary>
    /// What the GC kept committed after each round since the last line (as the run left it, no collection forced):
    /// the mean and the highest, less bound to the moment than one measure.
    /// </summary>
    private static void Committed(List<long> committed)
    {
        if (committed.Count == 0) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"          GC committed over {committed.Count} rounds: mean {committed.Average() / 1048576.0:0} MB, highest {committed.Max() / 1048576.0:0} MB"));
        committed.Clear();
    }

    /// <summary>The stories and the clusterer's saved state, read on a connection of its own: what grouping loads and saves each time.</summary>
    private static string Stories(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce((SELECT length(state) FROM story_index WHERE id = 1), 0), (SELECT count(*) FROM stories), " +
            "(SELECT coalesce(max(size), 0) FROM stories), (SELECT count(*) FROM stories WHERE size > 1);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture,
            $"clusterer state {reader.GetInt64(0) / 1048576.0:0.0} MB, {reader.GetInt64(1)} stories ({reader.GetInt64(3)} of 2+), largest {reader.GetInt64(2)}");
    }
}
