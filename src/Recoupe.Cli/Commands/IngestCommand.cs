using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Recoupe.App;
using Recoupe.Cli.Output;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

namespace Recoupe.Cli.Commands;

/// <summary>What <c>ingest</c> reads with and runs; tests replace them, the CLI uses the defaults.</summary>
public sealed record IngestServices
{
    public Func<Pipeline> CreatePipeline { get; init; } = DefaultPipeline.Create;
    public Func<IReadOnlyList<string>, Stream?, IEnumerable<ReadItem>> Read { get; init; } =
        (inputs, standardInput) => ArticleReader.Read(inputs, standardInput);
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;
}

/// <summary><c>ingest PATH...|-</c>: read, clean, annotate and store articles; one line on standard error per failed input.</summary>
public static class IngestCommand
{
    /// <summary>A batch still running after this long gets a live progress display (when standard error is a terminal).</summary>
    private static readonly TimeSpan ProgressAfter = TimeSpan.FromMilliseconds(500);

    public static Command Create() => Create(new IngestServices());

    public static Command Create(IngestServices services)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Files, folders (read recursively), http(s) URLs, or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var parallel = SharedOptions.Parallel();

        var command = new Command("ingest", "Read articles, clean and annotate them, and store them (same cleaned text is stored once)");
        command.Arguments.Add(inputs);
        command.Options.Add(parallel);
        var queueUrl = QueueCommands.QueueOption();
        queueUrl.Description = "Publish the raw articles to this RabbitMQ work queue for `recoupe worker` instead of storing them";
        command.Options.Add(queueUrl);
        var queueName = QueueCommands.QueueNameOption();
        command.Options.Add(queueName);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var paths = parse.GetValue(inputs) ?? [];
            if (parse.GetValue(queueUrl) is { } queue)
                return QueueCommands.Publish(context, services.Read(paths, paths.Contains("-") ? services.OpenStandardInput() : null), queue, parse.GetValue(queueName)!);
            // Inputs that are not there are said before any database is created: when none is, nothing is opened.
            if (paths.All(IsMissing))
            {
                var missing = paths.Select(p => new IngestFailure(p, "no such file or folder")).ToList();
                var none = new IngestSummary(missing.Count, 0, 0, missing.Count, missing, TimeSpan.Zero);
                return Report(context, none, missing.Select(f => new IngestItemResult(f.Source, IngestStatus.Failed, Error: f.Error)).ToList(), null,
                    File.Exists(context.DbPath) ? context.DbPath : "no database created");
            }
            using var store = context.OpenStore(create: true);
            var runner = new IngestRunner(store, services.CreatePipeline()) { Parallelism = parse.GetValue(parallel) ?? Environment.ProcessorCount };
            var standardInput = paths.Contains("-") ? services.OpenStandardInput() : null;
            var items = context.Json ? new List<IngestItemResult>() : null; // per-item results, for the JSON report
            var warned = new List<IngestItemResult>(); // items read with a guess (an encoding), said on standard error
            var live = new LiveCounts();

            // A dedicated thread runs the batch so this one can draw progress; the pipeline's workers stay on the pool.
            void OnItem(IngestItemResult item)
            {
                items?.Add(item);
                if (item.Warning is not null) warned.Add(item);
                live.Count(item);
            }
            // Standard input may be fed over time: its articles are stored, and grouped, as they arrive (StreamingIngest).
            StoryIndexRun? streamed = null;
            // Its story alerts are checked beside the work, so that they never delay the next article.
            var streaming = standardInput is null ? null : new StreamingIngest(runner)
            {
                AfterBatch = () => streamed = StoryIndexRun.Combine(streamed, StoryUpdate.Run(context, store, indexer => indexer.Update(),
                    "stories not updated ({0}); the articles are stored, run `recoupe recluster`", alerts: false)),
                AfterGrouping = () => StoryUpdate.DetectAlerts(context),
            };
            var run = Task.Factory.StartNew(
                () => streaming is not null ? streaming.Run(services.Read(paths, standardInput), OnItem) : runner.Run(services.Read(paths, standardInput), OnItem),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (context.ErrorIsTerminal && !run.Wait(ProgressAfter))
            {
                try { ShowProgress(run, live); }
                catch (Exception) { /* the display is a nicety: the batch goes on without it */ }
            }
            var summary = run.GetAwaiter().GetResult();

            // Articles a killed command stored but did not group are grouped with the new ones, in one run, even when
            // nothing new was stored: the stories then come out as from an uninterrupted run.
            var stories = StoryIndexRun.Combine(streamed, StoryUpdate.Run(context, store,
                indexer => summary.Stored > 0 && streaming is null ? indexer.Update() : indexer.FinishPending(),
                "stories not updated ({0}); the articles are stored, run `recoupe recluster`"));
            return Report(context, summary, items, stories, context.DbName, warned);
        }));
        return command;
    }

    /// <summary>A local path that is neither a file nor a folder (standard input and URLs are left to the readers).</summary>
    private static bool IsMissing(string input) =>
        input != ArticleReader.StandardInputName && !input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) &&
        !input.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !File.Exists(input) && !Directory.Exists(input);

    /// <summary>Failed inputs on standard error, then the counts (and what changed in the stories) as text or JSON.</summary>
    private static int Report(CliContext context, IngestSummary summary, List<IngestItemResult>? items, StoryIndexRun? stories, string where,
        IReadOnlyList<IngestItemResult>? warned = null)
    {
        foreach (var failure in summary.Failures)
            context.Error.WriteLine($"recoupe: {failure.Source}: {failure.Error}");
        foreach (var item in warned ?? [])
            context.Error.WriteLine($"recoupe: warning: {item.Source}: {item.Warning}");
        if (context.Json)
        {
            CliJson.Write(context.Out, new
            {
                summary.Read,
                summary.Stored,
                summary.Duplicates,
                summary.Failed,
                Failures = summary.Failures,
                Items = items!.Select(i => new { i.Source, i.Status, Id = i.ArticleId, i.Error, i.Warning }),
                Stories = stories is null ? null : new { stories.Clustered, stories.Stories, stories.ChangedStories, stories.Merges, stories.Splits, stories.Reclustered },
            });
        }
        else
        {
            var seconds = summary.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            context.Out.WriteLine(
                $"read {summary.Read}, stored {summary.Stored}, duplicates {summary.Duplicates}, failed {summary.Failed} ({seconds} s, {where})");
            if (stories is not null) context.Out.WriteLine(StoryUpdate.Describe(stories));
        }
        return summary.Failed > 0 || stories is { Failures.Count: > 0 } ? ExitCodes.InputsFailed : ExitCodes.Ok;
    }

    private static void ShowProgress(Task run, LiveCounts live)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("ingesting");
                task.IsIndeterminate = true;
                while (!run.Wait(TimeSpan.FromMilliseconds(100)))
                    task.Description = live.Describe();
            });
    }

    /// <summary>Counts the batch thread updates and the progress display reads.</summary>
    private sealed class LiveCounts
    {
        private int _read, _stored, _duplicates, _failed;

        public void Count(IngestItemResult item)
        {
            Interlocked.Increment(ref _read);
            switch (item.Status)
            {
                case IngestStatus.Stored: Interlocked.Increment(ref _stored); break;
                case IngestStatus.Duplicate: Interlocked.Increment(ref _duplicates); break;
                default: Interlocked.Increment(ref _failed); break;
            }
        }

        public string Describe() =>
            $"read {Volatile.Read(ref _read)} · stored {Volatile.Read(ref _stored)} · duplicates {Volatile.Read(ref _duplicates)} · failed {Volatile.Read(ref _failed)}";
    }
}
