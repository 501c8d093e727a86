using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Recoupe.Cli.Output;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Queue;
using Recoupe.Store.Postgres;

namespace Recoupe.Cli.Commands;

/// <summary>
/// The scale-out commands (issue 19): <c>worker</c> (raw articles from the queue into the store), <c>assign</c> (the
/// one story writer, a standby waiting for its lease) and <c>status</c>. Workers and the assigner need a PostgreSQL
/// store (--db postgres://…), which several processes share; the queue is a RabbitMQ URL (--queue amqp://…).
/// </summary>
public static class QueueCommands
{
    /// <summary><c>--queue URL</c>: the RabbitMQ work queue; RECOUPE_QUEUE gives the default.</summary>
    public static Option<string?> QueueOption() => new("--queue")
    {
        Description = "The RabbitMQ work queue, amqp://user:password@host:port/ (default: RECOUPE_QUEUE)",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RECOUPE_QUEUE") is { Length: > 0 } url ? url : null,
    };

    /// <summary><c>--queue-name NAME</c>: the raw-article queue's name (its dead letters are NAME.dead); several stores can share one RabbitMQ.</summary>
    public static Option<string> QueueNameOption() => new("--queue-name")
    {
        Description = "The raw-article queue's name in RabbitMQ (dead letters go to NAME.dead)",
        HelpName = "NAME",
        DefaultValueFactory = _ => new QueueOptions().Raw,
    };

    /// <summary><c>--health URL</c>: serve GET /health and /ready there (e.g. http://127.0.0.1:8091/).</summary>
    private static Option<string?> HealthOption() => new("--health")
    {
        Description = "Serve GET /health (alive) and /ready (connected, 200 or 503) at this address, e.g. http://127.0.0.1:8091/",
        HelpName = "URL",
    };

    private static HealthEndpoint? ServeHealth(string? prefix, string role, Func<bool> ready, Func<object> figures) =>
        prefix is null ? null : new HealthEndpoint(prefix, role, ready, figures);

    public static Command Worker()
    {
        var health = HealthOption();
        var queueUrl = QueueOption();
        var queueName = QueueNameOption();
        var idle = new Option<int?>("--until-idle") { Description = "Stop after the queue gave nothing for S seconds", HelpName = "S", CustomParser = OptionValues.WholeNumber(1) };
        var command = new Command("worker", "Take raw articles from the queue, run the pipeline, store them (acknowledged after commit)") { queueUrl, queueName, idle, health };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var (store, url) = (RequirePostgres(context, "worker").OpenStore(create: true), RequireQueue(parse.GetValue(queueUrl)));
            using (store)
            {
                using var stop = StopOnSignal();
                var queue = RawArticleQueue.ConnectAsync(url, new QueueOptions { Raw = parse.GetValue(queueName)! }, $"recoupe-worker-{Environment.ProcessId}").GetAwaiter().GetResult();
                var worker = new QueueWorker(queue, store, DefaultPipeline.Create());
                using var endpoint = ServeHealth(parse.GetValue(health), "worker", () => queue.Channel.IsOpen && store.Count() >= 0, () => worker.Counts);
                Log(context, "worker", "started", new { pid = Environment.ProcessId });
                var run = worker.RunAsync(stop.Token, parse.GetValue(idle) is int s ? TimeSpan.FromSeconds(s) : null);
                while (!run.Wait(TimeSpan.FromSeconds(5))) Log(context, "worker", "progress", worker.Counts);
                run.GetAwaiter().GetResult();
                Log(context, "worker", "stopped", worker.Counts);
                queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Assign()
    {
        var interval = new Option<int?>("--every-ms") { Description = "How often to look for new articles (default 500)", HelpName = "MS", CustomParser = OptionValues.WholeNumber(10) };
        var once = new Option<bool>("--until-idle") { Description = "Stop once every stored article is grouped (for tests and scripts)" };
        var languages = new Option<string?>("--languages")
        {
            Description = "One assigner per language, and one for every other language, each with its own stories and lease (e.g. fr,en); every process of a store must give the same list",
            HelpName = "LIST",
        };
        var health = HealthOption();
        var command = new Command("assign", "Group stored articles into stories: the one story writer of each partition; a second process waits as standby") { interval, once, languages, health };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            RequirePostgres(context, "assign");
            IReadOnlyList<StoryPartition> layout;
            try { layout = StoryPartition.ByLanguage((parse.GetValue(languages) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); }
            catch (ArgumentException e) { throw new CliException($"--languages: {e.Message}"); }
            using var database = new PostgresDatabase(context.DbPath);
            using var articles = new PostgresArticleStore(database);
            var partitions = layout.Select(p => new PartitionAssigner(database, articles, p, layout, TimeSpan.FromMilliseconds(parse.GetValue(interval) ?? 500),
                (partition, message, pending) => Log(context, "assign", message, partition.IsAll ? new { pending } : new { partition = partition.Name, pending }))).ToList();
            // A process started with other --languages than the store's partitions stops here, in one line.
            try { partitions[0].Stories.CheckLayout(); }
            catch (InvalidOperationException e) { throw new CliException(e.Message); }
            using var stop = StopOnSignal();
            // Ready: PostgreSQL answers (an active assigner or a standby able to take over).
            using var endpoint = ServeHealth(parse.GetValue(health), "assign", () => partitions.All(p => p.Stories.PendingArticles() >= 0),
                () => partitions.Count == 1 ? partitions[0].Figures()
                    : partitions.ToDictionary(p => p.Stories.Partition.Name, p => p.Figures()));
            // Each partition's assigner on a thread of its own: their grouping runs at once.
            var runs = partitions.Select(p => Task.Run(() => p.Assigner.RunAsync(stop.Token))).ToArray();
            if (parse.GetValue(once))
            {
                while (!runs.Any(r => r.IsCompleted) && !partitions.All(p => p.Assigner.Active && p.Stories.PendingArticles() == 0)) Thread.Sleep(200);
                stop.Cancel();
            }
            Task.WaitAll(runs);
            foreach (var partition in partitions) partition.Dispose();
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One partition's assigner with its own story store and lease.</summary>
    private sealed class PartitionAssigner : IDisposable
    {
        private readonly PostgresWriterLease _lease;

        public PartitionAssigner(PostgresDatabase database, PostgresArticleStore articles, StoryPartition partition,
            IReadOnlyList<StoryPartition> layout, TimeSpan interval, Action<StoryPartition, string, long> log)
        {
            Stories = new PostgresStoryStore(database, partition: partition, layout: layout);
            _lease = new PostgresWriterLease(database, StoryAssigner.LeaseName(partition));
            Assigner = new StoryAssigner(articles, Stories, _lease, interval, partition)
            {
                Log = message => log(partition, message, Stories.PendingArticles()),
            };
        }

        public PostgresStoryStore Stories { get; }

        public StoryAssigner Assigner { get; }

        public object Figures() => new { active = Assigner.Active, pending = Stories.PendingArticles() };

        public void Dispose()
        {
            _lease.Dispose();
            Stories.Dispose();
        }
    }

    public static Command Status()
    {
        var queueUrl = QueueOption();
        var queueName = QueueNameOption();
        var command = new Command("status", "Articles, stories, assigner lag, and the queue's depth, workers and dead letters") { queueUrl, queueName };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var stories = context.OpenStories();
            var status = new Dictionary<string, object?>
            {
                ["articles"] = articles.Count(),
                ["stories"] = stories.Count(),
                ["assignerLag"] = stories.PendingArticles(),
            };
            IReadOnlyList<DeadLetter> letterList = [];
            if (parse.GetValue(queueUrl) is { } url)
            {
                var queue = RawArticleQueue.ConnectAsync(url, new QueueOptions { Raw = parse.GetValue(queueName)! }, "recoupe-status").GetAwaiter().GetResult();
                var (waiting, workers) = queue.DepthAsync(queue.Options.Raw).GetAwaiter().GetResult();
                var (dead, _) = queue.DepthAsync(queue.Options.Dead).GetAwaiter().GetResult();
                letterList = queue.PeekDeadLettersAsync(10).GetAwaiter().GetResult();
                queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
                status["queueDepth"] = waiting;
                status["workersAlive"] = workers;
                status["deadLetters"] = dead;
                status["firstDeadLetters"] = letterList.Select(l => new { source = l.Source, reason = l.Reason, tries = l.Tries }).ToList();
            }
            if (context.Json) CliJson.Write(context.Out, status);
            else
            {
                foreach (var (key, value) in status.Where(kv => kv.Key != "firstDeadLetters"))
                    context.Out.WriteLine($"{key}: {Convert.ToString(value, CultureInfo.InvariantCulture)}");
                foreach (var letter in letterList) context.Out.WriteLine($"dead letter: {letter.Source}: {letter.Reason} ({letter.Tries} tries)");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Reads the inputs and publishes each raw article to the queue instead of storing it (`ingest --queue`).</summary>
    public static int Publish(CliContext context, IEnumerable<Recoupe.Ingest.ReadItem> items, string url, string queueName)
    {
        var queue = RawArticleQueue.ConnectAsync(url, new QueueOptions { Raw = queueName }, "recoupe-ingest").GetAwaiter().GetResult();
        var failed = 0;
        var articles = items.Select(item =>
        {
            if (item is Recoupe.Ingest.ReadArticle read) return read.Article;
            if (item is Recoupe.Ingest.ReadFailure failure) context.Error.WriteLine($"recoupe: {failure.Source}: {failure.Error}");
            failed++;
            return null;
        }).OfType<Recoupe.Core.Model.RawArticle>();
        var summary = new QueuePublisher(queue).PublishAsync(articles).GetAwaiter().GetResult();
        queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"published {summary.Published}, failed {failed} (waited {summary.Waited.TotalSeconds:0.0} s for room in the queue)"));
        return failed > 0 ? ExitCodes.InputsFailed : ExitCodes.Ok;
    }

    private static CliContext RequirePostgres(CliContext context, string command) => context.IsPostgres
        ? context
        : throw new CliException($"`{command}` needs a PostgreSQL store shared by every process: --db postgres://user:password@host/database");

    private static string RequireQueue(string? url) =>
        url ?? throw new CliException("no queue: give --queue amqp://user:password@host:port/ (or set RECOUPE_QUEUE)");

    /// <summary>Ctrl+C and SIGTERM end the loop; the batch in hand is stored and acknowledged first.</summary>
    private static CancellationTokenSource StopOnSignal()
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        return stop;
    }

    /// <summary>One JSON line on standard error: when, which role, what, and its figures.</summary>
    private static void Log(CliContext context, string role, string message, object figures) =>
        context.Error.WriteLine(JsonSerializer.Serialize(new { at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), role, message, figures },
            new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
