using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Queue;
using Recoupe.Store.Postgres;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// `bench queue [PATH] [--limit N] [--rounds N] [--prefetch N] [--db postgres://…] [--queue amqp://…]`: the same articles through the embedded
/// mode (`recoupe ingest`: pipeline threads, SQLite, then grouping) and through the work queue with 1 and 2 workers
/// and the assigner running beside them (PostgreSQL, RabbitMQ), each into a fresh store. Prints articles per second
/// from the first article taken to the last one grouped, the ratio to the embedded mode, and what each article costs
/// in each stage: publishing, the pipeline's stages (CPU), storing (SQLite and PostgreSQL), the queue's delivery and
/// acknowledgement (the worker's time outside pipeline and store), grouping.
/// </summary>
internal static class QueueBench
{
    public static int Run(string[] args)
    {
        var rest = args.ToList();
        var limit = Take(rest, "--limit") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 1000;
        var rounds = Take(rest, "--rounds") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1;
        var prefetch = Take(rest, "--prefetch") is { } p ? ushort.Parse(p, CultureInfo.InvariantCulture) : new QueueOptions().Prefetch;
        var db = Take(rest, "--db") ?? Env("RECOUPE_DB", "RECOUPE_TEST_POSTGRES");
        var url = Take(rest, "--queue") ?? Env("RECOUPE_QUEUE", "RECOUPE_TEST_AMQP");
        var path = rest.Count > 0 ? Path.GetFullPath(rest[0]) : Path.GetFullPath(Path.Combine(FindRepo(), "..", "shared", "corpus", "fr-news", "articles.jsonl"));
        if (db is null || !PostgresDatabase.IsLocation(db) || url is null || !File.Exists(path))
        {
            Console.Error.WriteLine("bench queue: needs --db postgres://… (or RECOUPE_DB), --queue amqp://… (or RECOUPE_QUEUE) and the corpus " + path);
            return 2;
        }
        var articles = ArticleReader.Read([path]).OfType<ReadArticle>().Select(r => r.Article).Take(limit).ToList();
        Console.WriteLine($"input     {path}: {articles.Count} articles; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        Warm(articles);

        // Rounds alternate the three modes, so that a shared machine's load, which moves by tens of percent within
        // minutes, weighs on all three alike; the figures are each round's and the medians.
        var rows = new List<(double Embedded, double One, double Two, string Load)>();
        for (var round = 1; round <= rounds; round++)
        {
            var load = LoadAverage();
            var embedded = Embedded(articles);
            var one = Queued(articles, db, url, 1, prefetch);
            var two = Queued(articles, db, url, 2, prefetch);
            rows.Add((embedded, one, two, load + " → " + LoadAverage()));
        }

        Console.WriteLine();
        Console.WriteLine("round  load average (1, 5, 15 min)    embedded a/s   1 worker a/s (×)   2 workers a/s (×)");
        for (var r = 0; r < rows.Count; r++)
        {
            var (e, one, two, load) = rows[r];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r + 1,5}  {load,-32} {articles.Count / e,12:0.0}   {articles.Count / one,8:0.0} ({e / one:0.00})   {articles.Count / two,9:0.0} ({e / two:0.00})"));
        }
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        Console.WriteLine();
        Console.WriteLine("mode                 articles/s   × embedded   (medians of the rounds; × is each round's ratio)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"embedded (ingest)",-20} {Median(rows.Select(r => articles.Count / r.Embedded)),10:0.0}   {1,10:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"queue, 1 worker",-20} {Median(rows.Select(r => articles.Count / r.One)),10:0.0}   {Median(rows.Select(r => r.Embedded / r.One)),10:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"queue, 2 workers",-20} {Median(rows.Select(r => articles.Count / r.Two)),10:0.0}   {Median(rows.Select(r => r.Embedded / r.Two)),10:0.00}"));
        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;
    }

    /// <summary>Loads the language data and compiles every stage once, so that neither mode pays it.</summary>
    private static void Warm(List<RawArticle> articles)
    {
        var pipeline = DefaultPipeline.Create();
        foreach (var article in articles.Take(30)) pipeline.Process(article);
    }

    /// <summary>`recoupe ingest`'s work: pipeline threads (one per core), SQLite 64 a transaction, then grouping. Returns seconds.</summary>
    private static double Embedded(List<RawArticle> articles)
    {
        var folder = Directory.CreateTempSubdirectory("recoupe-queue-bench-");
        try
        {
            var db = Path.Combine(folder.FullName, "embedded.db");
            var timing = new StageTimes();
            using var store = new TimedStore(new SqliteArticleStore(db));
            var clock = Stopwatch.StartNew();
            var summary = new IngestRunner(store, timing.Wrap(DefaultPipeline.Create())) { Parallelism = Environment.ProcessorCount }
                .Run(articles.Select(a => (ReadItem)new ReadArticle(a)));
            var stored = clock.Elapsed;
            using var stories = new SqliteStoryStore(db);
            var groupingCpu = ThreadCpu.Nanoseconds();
            var grouped = new StoryIndexer(store.Inner, stories).Update();
            groupingCpu = ThreadCpu.Nanoseconds() - groupingCpu;
            clock.Stop();
            Console.WriteLine();
            Console.WriteLine($"== embedded: {summary.Stored} stored, {grouped.Stories} stories, {clock.Elapsed.TotalSeconds:0.0} s ({stored.TotalSeconds:0.0} s to store, then grouping)");
            timing.Print(articles.Count);
            Line("store (SQLite)", store.AddTime, store.AddCpu, store.Adds);
            Line("grouping (one thread)", clock.Elapsed - stored, TimeSpan.FromTicks(groupingCpu / 100), articles.Count);
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Publishes every article (timed), then starts <paramref name="workers"/> workers (each with its own connection and
    /// store object, as separate processes have) and the assigner, and times them until the last article is grouped.
    /// </summary>
    private static double Queued(List<RawArticle> articles, string db, string url, int workers, ushort prefetch)
    {
        var schema = $"bench_{Guid.NewGuid():N}"[..20];
        var location = db + (db.Contains('?') ? "&" : "?") + "search_path=" + schema;
        var options = new QueueOptions { Raw = $"recoupe-bench-{Guid.NewGuid():N}", Prefetch = prefetch };
        var queues = new List<RawArticleQueue>();
        RawArticleQueue Connect()
        {
            var queue = RawArticleQueue.ConnectAsync(url, options).GetAwaiter().GetResult();
            queues.Add(queue);
            return queue;
        }
        try
        {
            using var database = new PostgresDatabase(location);
            var publishing = Stopwatch.StartNew();
            new QueuePublisher(Connect()).PublishAsync(articles).GetAwaiter().GetResult();
            publishing.Stop();

            var timing = new StageTimes();
            var pipeline = timing.Wrap(DefaultPipeline.Create());
            var stores = Enumerable.Range(0, workers).Select(_ => new TimedStore(new PostgresArticleStore(location))).ToList();
            var running = stores.Select(store => new QueueWorker(Connect(), store, pipeline)).ToList();
            using var articleReader = new PostgresArticleStore(database);
            using var stories = new PostgresStoryStore(database);
            using var lease = new PostgresWriterLease(database, "story-assigner");
            using var stop = new CancellationTokenSource();
            var runs = 0;
            // The interval of `recoupe assign` by default.
            var assigner = new StoryAssigner(articleReader, stories, lease, TimeSpan.FromMilliseconds(500))
            {
                Log = message => { if (message.StartsWith("grouped", StringComparison.Ordinal)) Interlocked.Increment(ref runs); },
            };
            var (postgresCpu, rabbitCpu) = (ServerCpu.Of("postgres"), ServerCpu.Of("beam.smp"));
            var clock = Stopwatch.StartNew();
            var tasks = running.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();
            var assigning = Task.Run(() => assigner.RunAsync(stop.Token));
            var storedAt = TimeSpan.Zero;
            // Ids are given without gaps, so the highest id is the count: read from the primary key, where count(*)
            // scanned the table (1–8 ms of server CPU a poll, 20 polls a second, counted in the server's cost before).
            using var probe = new NpgsqlConnection(PostgresDatabase.ToConnectionString(location));
            probe.Open();
            using var highest = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM articles;", probe);
            while (true)
            {
                if (storedAt == TimeSpan.Zero && (long)highest.ExecuteScalar()! >= articles.Count) storedAt = clock.Elapsed;
                if (storedAt != TimeSpan.Zero && stories.PendingArticles() == 0) break;
                Thread.Sleep(50);
            }
            clock.Stop();
            (postgresCpu, rabbitCpu) = (ServerCpu.Of("postgres") - postgresCpu, ServerCpu.Of("beam.smp") - rabbitCpu);
            stop.Cancel();
            Task.WaitAll([.. tasks, assigning]);

            var counts = running.Select(w => w.Counts).ToList();
            Console.WriteLine();
            Console.WriteLine($"== queue, {workers} worker(s), {prefetch} messages a batch: {counts.Sum(c => c.Stored)} stored ({string.Join(" + ", counts.Select(c => c.Stored))}), " +
                              $"{stories.Count()} stories, {clock.Elapsed.TotalSeconds:0.0} s");
            Line("publish", publishing.Elapsed, null, articles.Count);
            timing.Print(articles.Count);
            var storeTime = TimeSpan.FromTicks(stores.Sum(s => s.AddTime.Ticks));
            Line("store (PostgreSQL)", storeTime, TimeSpan.FromTicks(stores.Sum(s => s.AddCpu.Ticks)), articles.Count);
            // A worker's time is pipeline + store + the rest: waiting for deliveries, decoding, acknowledging. A worker
            // runs a batch's pipeline while it stores the batch before, so the rest is what neither covered: negative
            // when they overlapped more than the queue cost.
            var workerTime = storedAt * workers;
            var stagesTime = TimeSpan.FromTicks(timing.TotalWall.Ticks);
            Line("queue (wall - pipeline - store)", workerTime - stagesTime - storeTime, null, articles.Count);
            Line("grouping after the last store", clock.Elapsed - storedAt, null, articles.Count);
            Console.WriteLine($"assigner runs                {runs,9}  (state at the end {stories.LoadPosition()?.StateBytes / 1048576.0:0.0} MB)");
            Line("PostgreSQL server cpu", postgresCpu, postgresCpu, articles.Count);
            Line("RabbitMQ server cpu", rabbitCpu, rabbitCpu, articles.Count);
            var bytes = StoreBytes(db, schema);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL size              {bytes / 1048576.0,9:0.0} MB  {bytes / (double)articles.Count,8:0} bytes/article (tables, indexes, TOAST)"));
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var queue in queues.Take(1))
            {
                queue.Channel.QueueDeleteAsync(options.Raw, false, false).GetAwaiter().GetResult();
                queue.Channel.QueueDeleteAsync(options.Dead, false, false).GetAwaiter().GetResult();
            }
            foreach (var queue in queues) queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(PostgresDatabase.ToConnectionString(db));
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;", connection);
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>Bytes of every table of the schema, with its indexes and TOAST.</summary>
    private static long StoreBytes(string db, string schema)
    {
        using var connection = new NpgsqlConnection(PostgresDatabase.ToConnectionString(db));
        connection.Open();
        using var command = new NpgsqlCommand("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c " +
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r';", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return (long)command.ExecuteScalar()!;
    }

    private static void Line(string what, TimeSpan wall, TimeSpan? cpu, long articles)
    {
        var n = Math.Max(1, articles);
        var cpuPart = cpu is { } c ? string.Create(CultureInfo.InvariantCulture, $"   cpu {c.TotalMicroseconds / n,7:0} µs/article") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-28} {wall.TotalMilliseconds,9:0} ms  {wall.TotalMicroseconds / n,8:0} µs/article{cpuPart}"));
    }

    internal static string? Take(List<string> args, string name)
    {
        var at = args.IndexOf(name);
        if (at < 0 || at + 1 >= args.Count) return null;
        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    internal static string? Env(params string[] names) =>
        names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static string FindRepo()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>
/// CPU time used by the server processes on this machine (Linux /proc), so that what PostgreSQL and RabbitMQ spend
/// per article can be counted beside the workers' own CPU: live processes of that name, plus what their parent
/// collected from children that ended (PostgreSQL backends come and go).
/// </summary>
internal static class ServerCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan Of(string name)
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var command = stat[(stat.IndexOf('(') + 1)..close];
                if (!command.StartsWith(name, StringComparison.Ordinal)) continue;
                var fields = stat[(close + 2)..].Split(' ');
                // fields[0] is state (field 3); utime, stime, cutime, cstime are fields 14-17
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)
                       + double.Parse(fields[13], CultureInfo.InvariantCulture) + double.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // the process ended meanwhile
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
