using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Queue;
using Recoupe.Store.Postgres;

namespace Recoupe.Bench;

/// <summary>
/// `bench assign [PATH] [--limit N] [--rounds N] [--db postgres://…]`: how fast the story assigners group stored
/// articles, one assigner for every article against one per language partition (`assign --languages`), on the same
/// PostgreSQL store. The articles are stored once (pipeline beforehand); every second one is then relabelled with a
/// second language ("xx"), so that fr-news, French only, stands for two languages of equal volume. Each round clears
/// the stories and times each layout from the first run to the last article grouped, taking turns.
/// </summary>
internal static class AssignBench
{
    public static int Run(string[] args)
    {
        var rest = args.ToList();
        var limit = QueueBench.Take(rest, "--limit") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 1000;
        var rounds = QueueBench.Take(rest, "--rounds") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var db = QueueBench.Take(rest, "--db") ?? QueueBench.Env("RECOUPE_DB", "RECOUPE_TEST_POSTGRES");
        var path = rest.Count > 0 ? Path.GetFullPath(rest[0]) : Path.GetFullPath(Path.Combine(QueueBench.FindRepo(), "..", "shared", "corpus", "fr-news", "articles.jsonl"));
        if (db is null || !PostgresDatabase.IsLocation(db) || !File.Exists(path))
        {
            Console.Error.WriteLine("bench assign: needs --db postgres://… (or RECOUPE_DB) and the corpus " + path);
            return 2;
        }
        var schema = $"bench_assign_{Guid.NewGuid():N}"[..24];
        var location = db + (db.Contains('?') ? "&" : "?") + "search_path=" + schema;
        try
        {
            using var database = new PostgresDatabase(location);
            using var articles = new PostgresArticleStore(database);
            var pipeline = DefaultPipeline.Create();
            var documents = ArticleReader.Read([path]).OfType<ReadArticle>().Select(r => r.Article).Take(limit).Select(pipeline.Process).ToList();
            foreach (var batch in documents.Chunk(64)) articles.AddBatch(batch);
            Execute(location, "UPDATE articles SET language = 'xx' WHERE id % 2 = 0;");
            Console.WriteLine($"input     {path}: {documents.Count} articles stored, every second one relabelled 'xx'; {Environment.ProcessorCount} cores; load average {QueueBench.LoadAverage()}");
            Console.WriteLine("round  load before → after               one assigner a/s (CPU ms/article)   fr + xx partitions a/s (CPU ms/article)   ×");
            var rows = new List<(double One, double Two)>();
            for (var round = 1; round <= rounds; round++)
            {
                var load = QueueBench.LoadAverage();
                var (one, oneCpu) = Time(database, articles, location, StoryPartition.ByLanguage([]));
                var (two, twoCpu) = Time(database, articles, location, StoryPartition.ByLanguage(["fr", "xx"]));
                rows.Add((documents.Count / one, documents.Count / two));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5}  {load + " → " + QueueBench.LoadAverage(),-36} {documents.Count / one,8:0.0} ({oneCpu / documents.Count,5:0.00})              {documents.Count / two,8:0.0} ({twoCpu / documents.Count,5:0.00})                  {one / two:0.00}"));
            }
            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"medians: one assigner {Median(rows.Select(r => r.One)):0.0} a/s, two partitions {Median(rows.Select(r => r.Two)):0.0} a/s, × {Median(rows.Select(r => r.Two / r.One)):0.00}"));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(db, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
        }
    }

    /// <summary>Clears the stories, then runs one assigner per partition until every article is grouped: seconds, and process CPU milliseconds.</summary>
    private static (double Seconds, double CpuMs) Time(PostgresDatabase database, PostgresArticleStore articles, string location, IReadOnlyList<StoryPartition> layout)
    {
        Execute(location, "TRUNCATE story_articles, story_copies, story_events, story_redirects, story_index, stories;");
        var stores = layout.Select(p => new PostgresStoryStore(database, partition: p, layout: layout)).ToList();
        var leases = layout.Select(p => new PostgresWriterLease(database, StoryAssigner.LeaseName(p))).ToList();
        using var stop = new CancellationTokenSource();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runs = layout.Select((p, i) => new StoryAssigner(articles, stores[i], leases[i], TimeSpan.FromMilliseconds(20), p))
            .Select(a => Task.Run(() => a.RunAsync(stop.Token))).ToArray();
        while (stores.Any(s => s.PendingArticles() > 0) || stores.Sum(s => s.Assignments().Count) == 0) Thread.Sleep(20);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        stop.Cancel();
        Task.WaitAll(runs);
        foreach (var lease in leases) lease.Dispose();
        foreach (var store in stores) store.Dispose();
        return (clock.Elapsed.TotalSeconds, cpu.TotalMilliseconds);
    }

    private static void Execute(string location, string sql)
    {
        using var connection = new NpgsqlConnection(PostgresDatabase.ToConnectionString(location));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
