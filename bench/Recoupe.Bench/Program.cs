using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

// Throughput and memory of ingestion, on a fresh temporary database.
//   ingest [PATH] [--parallel N] [--batch N] [--no-extract] [--once]
//                                  readers + pipeline + store, with time per stage; then a second run (all duplicates);
//                                  --no-extract leaves out the entity, quotation and figure stages;
//                                  --batch N stores N articles per transaction (64 by default, as ingest does)
//   html [SILVER_DIR]              main-text extraction: token P/R/F1, pages/second, peak memory (HtmlBench)
//   compare [PATH] [--rounds N]    what extraction adds to ingest: with and without the extraction stages, alternated
//                                  N times (3) on fresh databases, medians and ratios (ingest = `recoupe ingest`'s work)
//   store [PATH]                   the store alone: documents built straight from the JSONL fields, no pipeline
//   store-parts [PATH] [--rounds N]  the store alone on fully processed documents, with and without entity mentions,
//                                  quotations and figures: what each kind of extraction costs the storing thread
//   stories dev|corpus|seeds|scale|pairs|null|oracle   story clustering (StoriesBench)
//   digest dev|scale               digest time per story (DigestBench)
//   watch [SOURCES] [HOURS]       a simulated day of SOURCES (200) outlets, ~20,000 items, through the watcher: items/s,
//                                  fetches saved by conditional GET, memory at the start, every 4 simulated hours, the end
//   search DB [QUERY...]           article and quotation search times on a stored database (SearchBench)
//   store-parity SQLITE_DB POSTGRES_URL [QUERY...]   the same store in SQLite and PostgreSQL: search ids compared,
//                                  search and speaker-filter times side by side (StoreParityBench)
//   queue [PATH] [--limit N] [--db postgres://…] [--queue amqp://…]   the embedded mode beside the work queue with 1 and
//                                  2 workers and the assigner: articles/s, ratio, per-article cost of each stage (QueueBench)
//   load [PATH] [--batch N] [--writers N] [--readers N] [--max-seconds S]   the HTTP server from a second process (LoadBench)
//   load --hostile [PATH] [--seconds S] [--hostile-clients N] [--ceiling-mb MB] [--inflate-mb MB] [--depth N] [--one-item-bomb]
//                                  normal writers beside hostile requests: errors, outcomes, peak memory (HostileLoadBench)
// PATH defaults to ../shared/corpus/fr-news/articles.jsonl beside the repository.

if (args.FirstOrDefault() is { } first && first.StartsWith("extract", StringComparison.Ordinal)) return ExtractionBench.Run(args);
if (args.FirstOrDefault() == "html") return Recoupe.Bench.HtmlBench.Run(args[1..]);
if (args.FirstOrDefault() == "stories") return Recoupe.Bench.StoriesBench.Run(args[1..]);
if (args.FirstOrDefault() == "digest") return Recoupe.Bench.DigestBench.Run(args[1..]);
if (args.FirstOrDefault() == "load") return Recoupe.Bench.LoadBench.Run(args[1..]);
if (args.FirstOrDefault() == "search") return Recoupe.Bench.SearchBench.Run(args[1..]);
if (args.FirstOrDefault() == "store-parity") return Recoupe.Bench.StoreParityBench.Run(args[1..]);
if (args.FirstOrDefault() == "watch") return Recoupe.Bench.WatchBench.Run(args[1..]);
if (args.FirstOrDefault() == "queue") return Recoupe.Bench.QueueBench.Run(args[1..]);
if (args.FirstOrDefault() == "assign") return Recoupe.Bench.AssignBench.Run(args[1..]);
if (args.FirstOrDefault() == "store-writers") return Recoupe.Bench.StoreWritersBench.Run(args[1..]);

var mode = args.Length > 0 ? args[0] : "ingest";
var rest = args.Skip(1).ToList();
var parallelism = Environment.ProcessorCount;
var parallelAt = rest.IndexOf("--parallel");
if (parallelAt >= 0)
{
    parallelism = int.Parse(rest[parallelAt + 1], CultureInfo.InvariantCulture);
    rest.RemoveRange(parallelAt, 2);
}
// --no-extract: the pipeline without the entity, quotation and figure stages, to measure what extraction adds
var withoutExtraction = rest.Remove("--no-extract");
// --once: ingest only the fresh database (no second run of the same input), for alternated before/after rounds
var once = rest.Remove("--once");
// --rounds N: how many times compare alternates the two configurations
var rounds = 3;
var roundsAt = rest.IndexOf("--rounds");
if (roundsAt >= 0)
{
    rounds = int.Parse(rest[roundsAt + 1], CultureInfo.InvariantCulture);
    rest.RemoveRange(roundsAt, 2);
}
// --batch N: articles per store transaction (IngestRunner.StoreBatchSize)
var batchSize = 64;
var batchAt = rest.IndexOf("--batch");
if (batchAt >= 0)
{
    batchSize = int.Parse(rest[batchAt + 1], CultureInfo.InvariantCulture);
    rest.RemoveRange(batchAt, 2);
}
var path = rest.Count > 0 ? Path.GetFullPath(rest[0]) : DefaultCorpus();
if (!File.Exists(path) && !Directory.Exists(path))
{
    Console.Error.WriteLine($"bench: no input at {path}");
    return 2;
}

var folder = Path.Combine(Path.GetTempPath(), "recoupe-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var dbPath = Path.Combine(folder, "bench.db");
try
{
    Console.WriteLine($"input     {path}");
    Console.WriteLine($"database  {dbPath}");
    Console.WriteLine($"cores     {Environment.ProcessorCount}, pipeline threads {parallelism}");
    switch (mode)
    {
        case "ingest":
            BenchIngest(path, dbPath, parallelism, withoutExtraction, batchSize, once ? 1 : 2);
            break;
        case "store":
            BenchStore(path, dbPath);
            break;
        case "compare":
            BenchCompare(path, folder, parallelism, batchSize, rounds);
            break;
        case "store-parts":
            Recoupe.Bench.StorePartsBench.Run(path, folder, rounds, batchSize);
            break;
        default:
            Console.Error.WriteLine($"bench: unknown mode '{mode}' (ingest | store | compare)");
            return 2;
    }
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void BenchIngest(string path, string dbPath, int parallelism, bool withoutExtraction, int batchSize, int runs)
{
    for (var run = 1; run <= runs; run++)
    {
        Console.WriteLine();
        Console.WriteLine(run == 1 ? "== run 1: fresh database" : "== run 2: same input, same database (expect 0 stored)");
        IngestOnce(path, dbPath, parallelism, withoutExtraction, batchSize, print: true);
        PrintMemory(dbPath);
    }
}

// What extraction adds to ingest: fresh databases, the pipeline with and without the entity, quotation and figure
// stages, alternated ROUNDS times so both see the same machine; medians are compared.
static void BenchCompare(string path, string folder, int parallelism, int batchSize, int rounds)
{
    // Warm-up: load the language data and JIT-compile every stage once, so that one-time start-up costs (a few
    // hundred ms, the same for any number of articles) do not count against whichever configuration runs first.
    var warm = Path.Combine(folder, "warm-up.db");
    var sample = Path.Combine(folder, "warm-up.jsonl");
    File.WriteAllLines(sample, File.ReadLines(path).Take(500));
    IngestOnce(sample, warm, parallelism, withoutExtraction: false, batchSize, print: false);
    foreach (var file in Directory.GetFiles(folder, "warm-up*")) File.Delete(file);

    var with = new List<IngestFigures>();
    var without = new List<IngestFigures>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var extract in new[] { true, false })
        {
            var db = Path.Combine(folder, $"compare-{round}-{extract}.db");
            var figures = IngestOnce(path, db, parallelism, !extract, batchSize, print: false);
            (extract ? with : without).Add(figures);
            Console.WriteLine($"round {round + 1} {(extract ? "with extraction   " : "without extraction")}  {figures}");
            foreach (var file in Directory.GetFiles(folder, Path.GetFileName(db) + "*")) File.Delete(file);
        }
    }
    Console.WriteLine();
    // The ratio of the medians, and the median of each round's own ratio: a round's two runs are back to back, so
    // the second cancels the machine's slow drifts (a shared machine's speed moved by 30 % over an hour here).
    Console.WriteLine($"median of {rounds} rounds          with   without   ratio   (median and range of the rounds' ratios)");
    void Row(string name, Func<IngestFigures, double> of, string unit)
    {
        var a = Median(with.Select(of));
        var b = Median(without.Select(of));
        var ratios = with.Zip(without, (w, o) => of(w) / of(o)).ToList();
        Console.WriteLine($"  {name,-28} {a,7:0} {b,8:0} {unit,-11} ×{a / b:0.00}   (×{Median(ratios):0.00}, ×{ratios.Min():0.00}–{ratios.Max():0.00})");
    }
    Row("ingest cpu (read+pipeline+store)", f => f.CpuPerArticle, "µs/article");
    Row("ingest wall", f => f.WallPerArticle, "µs/article");
    Row("pipeline stages cpu", f => f.StagesCpuPerArticle, "µs/article");
    Row("store cpu (storing thread)", f => f.StoreCpuPerArticle, "µs/article");
    Row("stories cpu", f => f.StoriesCpuPerArticle, "µs/article");
    Row("as `recoupe ingest`: cpu", f => f.CpuPerArticle + f.StoriesCpuPerArticle, "µs/article");
    Row("as `recoupe ingest`: wall", f => f.WallPerArticle + f.StoriesWallPerArticle, "µs/article");

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

// One ingest of PATH into DB, as `recoupe ingest` runs it: readers, pipeline, store, then story clustering.
static IngestFigures IngestOnce(string path, string dbPath, int parallelism, bool withoutExtraction, int batchSize, bool print)
{
    var extraction = new HashSet<string>(Recoupe.Core.Extraction.Extractor.Stages.Select(s => s.Name));
    var timing = new StageTimes();
    var full = DefaultPipeline.Create();
    var pipeline = timing.Wrap(withoutExtraction ? new Pipeline(full.Prepare, full.Annotate.Where(s => !extraction.Contains(s.Name)).ToList()) : full);
    using var store = new TimedStore(new SqliteArticleStore(dbPath));
    var reading = new Stopwatch();
    var runner = new IngestRunner(store, pipeline) { Parallelism = parallelism, StoreBatchSize = batchSize };
    var cpu = CpuTime();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    var summary = runner.Run(Timed(ArticleReader.Read([path]), reading));
    clock.Stop();
    cpu = CpuTime() - cpu;
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

    // Story clustering runs after the batch, on the stored articles (StoryIndexer, as the ingest command does).
    var storiesCpu = CpuTime();
    var storiesAllocated = GC.GetAllocatedBytesForCurrentThread();
    var storiesClock = Stopwatch.StartNew();
    StoryIndexRun? stories = null;
    if (summary.Stored > 0)
    {
        using var storyStore = new SqliteStoryStore(dbPath);
        stories = new StoryIndexer(store.Inner, storyStore).Update();
    }
    storiesClock.Stop();
    storiesCpu = CpuTime() - storiesCpu;
    storiesAllocated = GC.GetAllocatedBytesForCurrentThread() - storiesAllocated;

    var n = Math.Max(1, summary.Read);
    var figures = new IngestFigures(
        clock.Elapsed.TotalMicroseconds / n, cpu.TotalMicroseconds / n, timing.TotalCpu.TotalMicroseconds / n,
        store.AddCpu.TotalMicroseconds / n, storiesClock.Elapsed.TotalMicroseconds / n, storiesCpu.TotalMicroseconds / n);
    if (!print) return figures;

    Console.WriteLine($"articles  read {summary.Read}, stored {summary.Stored}, duplicates {summary.Duplicates}, failed {summary.Failed}");
    Console.WriteLine($"time      {clock.Elapsed.TotalSeconds:0.000} s, {Rate(summary.Read, clock.Elapsed)} articles/s");
    Console.WriteLine($"cpu       {cpu.TotalSeconds:0.000} s over all threads, {PerArticle(cpu, summary.Read)} (steadier than wall time on a busy machine); allocated {allocated / 1024.0 / Math.Max(1, summary.Read):0.0} KB/article");
    if (summary.Read == 0) Console.WriteLine("          (the readers gave no article: are they implemented yet?)");
    PrintFailureKinds(summary);
    Console.WriteLine($"reading   {reading.Elapsed.TotalMilliseconds,9:0.0} ms  (on the storing thread)");
    timing.Print(summary.Read);
    Console.WriteLine($"store     {store.AddTime.TotalMilliseconds,9:0.0} ms  {PerArticle(store.AddTime, store.Adds)}  ({store.Adds} documents, {batchSize} per transaction)   cpu {PerArticle(store.AddCpu, store.Adds)}, {store.AddAllocated / 1024.0 / Math.Max(1, store.Adds),6:0.0} KB/article");
    var waiting = clock.Elapsed - reading.Elapsed - store.AddTime;
    Console.WriteLine($"waiting   {waiting.TotalMilliseconds,9:0.0} ms  (storing thread idle: pipeline threads behind, runner overhead)");
    if (stories is not null)
        Console.WriteLine($"stories   {storiesClock.Elapsed.TotalMilliseconds,9:0.0} ms  {PerArticle(storiesClock.Elapsed, summary.Read)}  cpu {PerArticle(storiesCpu, summary.Read)}, {storiesAllocated / 1024.0 / summary.Read:0.0} KB/article  ({stories.Clustered} clustered into {stories.Stories} stories, after the batch as `recoupe ingest` does)");
    return figures;
}

static void BenchStore(string path, string dbPath)
{
    var parsing = Stopwatch.StartNew();
    var documents = File.ReadLines(path).Where(l => l.Length > 0).Select(CorpusDocument).ToList();
    parsing.Stop();
    Console.WriteLine($"parsed    {documents.Count} documents from JSON in {parsing.Elapsed.TotalMilliseconds:0} ms");
    for (var run = 1; run <= 2; run++)
    {
        using var store = new SqliteArticleStore(dbPath);
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        int stored = 0, duplicates = 0;
        foreach (var document in documents)
        {
            if (store.Add(document).Status == StoreStatus.Stored) stored++;
            else duplicates++;
        }
        clock.Stop();
        Console.WriteLine();
        Console.WriteLine($"== store run {run}: stored {stored}, duplicates {duplicates}");
        cpu = CpuTime() - cpu;
        Console.WriteLine($"time      {clock.Elapsed.TotalSeconds:0.000} s, {Rate(documents.Count, clock.Elapsed)} adds/s, {PerArticle(clock.Elapsed, documents.Count)}");
        Console.WriteLine($"cpu       {cpu.TotalSeconds:0.000} s, {PerArticle(cpu, documents.Count)}");
        PrintMemory(dbPath);
    }
}

// The fr-news fields as a document (title, lead, body as paragraphs), without any cleaning.
static Document CorpusDocument(string line)
{
    using var json = JsonDocument.Parse(line);
    var root = json.RootElement;
    string Field(string name) => root.TryGetProperty(name, out var value) ? value.ToString() : "";
    var parts = new[] { Field("title"), Field("heading"), Field("text") }.Where(p => p.Length > 0).ToList();
    var document = new Document(string.Join(Pipeline.ParagraphSeparator, parts),
        new RawArticle { Source = $"line {Field("id")}", Format = InputFormat.JsonLines, Raw = line });
    var start = 0;
    foreach (var part in parts)
    {
        document.Paragraphs.Add(new Paragraph(start, start + part.Length));
        start += part.Length + Pipeline.ParagraphSeparator.Length;
    }
    document.Metadata.Title = Field("title");
    document.Metadata.Url = Field("url");
    if (DateTime.TryParse(Field("date"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        document.Metadata.Published = date;
    return document;
}

static IEnumerable<ReadItem> Timed(IEnumerable<ReadItem> items, Stopwatch clock)
{
    using var e = items.GetEnumerator();
    while (true)
    {
        clock.Start();
        var more = e.MoveNext();
        clock.Stop();
        if (!more) yield break;
        yield return e.Current;
    }
}

static void PrintFailureKinds(IngestSummary summary)
{
    foreach (var group in summary.Failures.GroupBy(f => f.Error).OrderByDescending(g => g.Count()).Take(5))
        Console.WriteLine($"  failed  {group.Count(),6} × {group.Key}");
}

static void PrintMemory(string dbPath)
{
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var gc = GC.GetGCMemoryInfo();
    Console.WriteLine($"memory    peak working set {Mb(process.PeakWorkingSet64)}, GC heap {Mb(gc.HeapSizeBytes)} " +
                      $"(live {Mb(GC.GetTotalMemory(false))}), allocated so far {Mb(GC.GetTotalAllocatedBytes())}, " +
                      $"gen2 collections {GC.CollectionCount(2)}");
    var db = new FileInfo(dbPath);
    var wal = new FileInfo(dbPath + "-wal");
    Console.WriteLine($"database  {Mb(db.Exists ? db.Length : 0)} (+ WAL {Mb(wal.Exists ? wal.Length : 0)})");
}

static TimeSpan CpuTime()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";
static string Rate(int count, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? (count / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) : "-";
static string PerArticle(TimeSpan total, long count) => count == 0 ? "" : $"{total.TotalMicroseconds / count,8:0.0} µs/article";

static string DefaultCorpus()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recoupe.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "fr-news", "articles.jsonl"));
        }
    }
    return Path.GetFullPath(Path.Combine("..", "shared", "corpus", "fr-news", "articles.jsonl"));
}

/// <summary>Adds up, per stage, the time spent inside it (summed over threads, so CPU time rather than wall time).</summary>
internal sealed class StageTimes
{
    // per stage: [0] wall ticks, [1] CPU nanoseconds of the thread that ran it (steady on a busy machine), [2] bytes allocated
    private readonly List<(string Name, long[] Ticks)> _stages = [];

    public Pipeline Wrap(Pipeline pipeline) => new(
        pipeline.Prepare.Select(IDraftStage (s) => new TimedDraft(s, Slot(s.Name))).ToList(),
        pipeline.Annotate.Select(IDocumentStage (s) => new TimedDocument(s, Slot(s.Name))).ToList());

    private long[] Slot(string name)
    {
        var ticks = new long[3];
        _stages.Add((name, ticks));
        return ticks;
    }

    /// <summary>Wall time inside all stages, summed over threads.</summary>
    public TimeSpan TotalWall => TimeSpan.FromTicks(_stages.Sum(s => Volatile.Read(ref s.Ticks[0])) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    /// <summary>CPU time of all stages, over all threads.</summary>
    public TimeSpan TotalCpu => TimeSpan.FromTicks(_stages.Sum(s => Volatile.Read(ref s.Ticks[1])) / 100);

    public void Print(int articles)
    {
        var total = _stages.Sum(s => Volatile.Read(ref s.Ticks[0]));
        foreach (var (name, ticks) in _stages)
        {
            var time = TimeSpan.FromTicks(Volatile.Read(ref ticks[0]) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            var cpu = Volatile.Read(ref ticks[1]) / 1e3;
            var share = total == 0 ? 0 : 100.0 * ticks[0] / total;
            var allocated = Volatile.Read(ref ticks[2]) / 1024.0;
            Console.WriteLine($"stage     {name,-10} {time.TotalMilliseconds,9:0.0} ms  {(articles == 0 ? "" : $"{time.TotalMicroseconds / articles,8:0.0} µs/article")}  {share,5:0.0} %" +
                              $"   cpu {(articles == 0 ? "" : $"{cpu / articles,7:0.0} µs/article, {allocated / articles,6:0.0} KB/article")}");
        }
    }

    private static void Add(long[] slot, long started, long cpuStarted, long allocatedBefore)
    {
        Interlocked.Add(ref slot[0], Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref slot[1], ThreadCpu.Nanoseconds() - cpuStarted);
        Interlocked.Add(ref slot[2], GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private sealed class TimedDraft(IDraftStage inner, long[] slot) : IDraftStage
    {
        public string Name => inner.Name;

        public void Run(ArticleDraft draft)
        {
            var started = Stopwatch.GetTimestamp();
            var cpu = ThreadCpu.Nanoseconds();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            try { inner.Run(draft); }
            finally { Add(slot, started, cpu, allocated); }
        }
    }

    private sealed class TimedDocument(IDocumentStage inner, long[] slot) : IDocumentStage
    {
        public string Name => inner.Name;

        public void Run(Document document)
        {
            var started = Stopwatch.GetTimestamp();
            var cpu = ThreadCpu.Nanoseconds();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            try { inner.Run(document); }
            finally { Add(slot, started, cpu, allocated); }
        }
    }
}

/// <summary>Times <see cref="IArticleStore.Add"/>; everything else passes through.</summary>
internal sealed record IngestFigures(double WallPerArticle, double CpuPerArticle, double StagesCpuPerArticle,
    double StoreCpuPerArticle, double StoriesWallPerArticle, double StoriesCpuPerArticle)
{
    public override string ToString() =>
        $"cpu {CpuPerArticle,6:0} µs/article (stages {StagesCpuPerArticle,4:0}, store {StoreCpuPerArticle,4:0}), wall {WallPerArticle,6:0} µs/article; " +
        $"stories cpu {StoriesCpuPerArticle,4:0}, wall {StoriesWallPerArticle,4:0} µs/article";
}

internal sealed class TimedStore(IArticleStore inner) : IArticleWriteStore, IDisposable
{
    public IArticleStore Inner => inner;
    private readonly Stopwatch _clock = new();

    public TimeSpan AddTime => _clock.Elapsed;
    public long Adds { get; private set; }

    /// <summary>CPU time of the storing thread inside the store (SQLite runs in-process, on that thread).</summary>
    public TimeSpan AddCpu => TimeSpan.FromTicks(_cpuNanoseconds / 100);
    private long _cpuNanoseconds;

    /// <summary>Bytes the storing thread allocated inside the store.</summary>
    public long AddAllocated { get; private set; }

    public StoreResult Add(Document document) => Timed(() => inner.Add(document), 1);

    public IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents) =>
        Timed(() => inner.AddBatch(documents), documents.Count);

    private T Timed<T>(Func<T> add, int documents)
    {
        var cpu = ThreadCpu.Nanoseconds();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        _clock.Start();
        try { return add(); }
        finally
        {
            _clock.Stop();
            _cpuNanoseconds += ThreadCpu.Nanoseconds() - cpu;
            AddAllocated += GC.GetAllocatedBytesForCurrentThread() - allocated;
            Adds += documents;
        }
    }

    public StoreResult Replace(long id, Document document) => inner.Replace(id, document);
    public void Dispose() => inner.Dispose();
}
