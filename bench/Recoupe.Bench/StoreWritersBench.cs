using System.Diagnostics;
using System.Globalization;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Postgres;

namespace Recoupe.Bench;

/// <summary>
/// `bench store-writers [PATH] [--limit N] [--rounds N] [--writers N] [--db postgres://…]`: what the PostgreSQL store alone takes
/// from two writers at once (two store objects, as two workers have), the articles run through the pipeline once
/// beforehand. Each round stores them into a fresh schema twice, in batches of 64 taken in turn by the two writers:
/// once with ids given in a short transaction of their own and commits in id order (what the store does), once with
/// the writers taking turns for the whole write transaction (what it did); the order of the two alternates by round.
/// Prints articles per second of each, and the median of the rounds' ratios. `--writers 1` measures one writer (one
/// worker): what giving ids apart costs it, where it never waits on another writer.
/// </summary>
internal static class StoreWritersBench
{
    private const int BatchSize = 64;

    public static int Run(string[] args)
    {
        var rest = args.ToList();
        var limit = QueueBench.Take(rest, "--limit") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 1000;
        var rounds = QueueBench.Take(rest, "--rounds") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 4;
        var writers = QueueBench.Take(rest, "--writers") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 2;
        var db = QueueBench.Take(rest, "--db") ?? QueueBench.Env("RECOUPE_DB", "RECOUPE_TEST_POSTGRES");
        var path = rest.Count > 0 ? Path.GetFullPath(rest[0])
            : Path.GetFullPath(Path.Combine(QueueBench.FindRepo(), "..", "shared", "corpus", "fr-news", "articles.jsonl"));
        if (db is null || !PostgresDatabase.IsLocation(db) || !File.Exists(path))
        {
            Console.Error.WriteLine("bench store-writers: needs --db postgres://… (or RECOUPE_DB) and the corpus " + path);
            return 2;
        }
        var pipeline = DefaultPipeline.Create();
        var documents = ArticleReader.Read([path]).OfType<ReadArticle>().Take(limit).Select(r => pipeline.Process(r.Article)).ToList();
        Console.WriteLine($"{documents.Count} articles through the pipeline, {writers} writer(s); {Environment.ProcessorCount} cores; load average {QueueBench.LoadAverage()}");
        Console.WriteLine("round  load average (1, 5, 15 min)     ids apart a/s   taking turns a/s   ratio");
        var ratios = new List<double>();
        var (apartRates, turnsRates) = (new List<double>(), new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            var load = QueueBench.LoadAverage();
            double apart, turns;
            if (round % 2 == 1) { apart = Rate(documents, db, false, writers); turns = Rate(documents, db, true, writers); }
            else { turns = Rate(documents, db, true, writers); apart = Rate(documents, db, false, writers); }
            ratios.Add(apart / turns);
            apartRates.Add(apart);
            turnsRates.Add(turns);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,5}  {load + " → " + QueueBench.LoadAverage(),-32} {apart,13:0.0}   {turns,16:0.0}   {apart / turns,5:0.00}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median   ids apart {Median(apartRates):0.0} a/s, taking turns {Median(turnsRates):0.0} a/s, ratio of each round {Median(ratios):0.00} (range {ratios.Min():0.00}–{ratios.Max():0.00})"));
        return 0;
    }

    /// <summary>Articles per second that the writers store into a fresh schema, batches taken in turn from one list.</summary>
    private static double Rate(List<Document> documents, string db, bool takeTurns, int writers)
    {
        var schema = $"bench_{Guid.NewGuid():N}"[..20];
        var location = db + (db.Contains('?') ? "&" : "?") + "search_path=" + schema;
        using var database = new PostgresDatabase(location);
        var stores = Enumerable.Range(0, writers).Select(_ => new PostgresArticleStore(location) { WritersTakeTurns = takeTurns }).ToList();
        try
        {
            var next = -1;
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(stores, new ParallelOptions { MaxDegreeOfParallelism = writers }, store =>
            {
                for (var batch = Interlocked.Increment(ref next); batch * BatchSize < documents.Count; batch = Interlocked.Increment(ref next))
                {
                    foreach (var attempt in store.AddBatch(documents.Skip(batch * BatchSize).Take(BatchSize).ToList())) attempt.ResultOrThrow();
                }
            });
            clock.Stop();
            if (stores[0].Count() != documents.Count) throw new InvalidOperationException($"stored {stores[0].Count()} of {documents.Count}");
            return documents.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
            using var drop = new Npgsql.NpgsqlConnection(database.ConnectionString);
            drop.Open();
            using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA \"{schema}\" CASCADE;", drop);
            command.ExecuteNonQuery();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
