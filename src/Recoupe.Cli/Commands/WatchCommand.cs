using System.CommandLine;
using System.Globalization;
using Recoupe.App;
using Recoupe.App.Alerts;
using Recoupe.Cli.Output;
using Recoupe.Ingest.Watch;
using Recoupe.Queue;

namespace Recoupe.Cli.Commands;

/// <summary>What <c>watch</c> fetches with; tests pass a simulated web, the CLI the network.</summary>
public sealed record WatchServices
{
    public Func<PoliteFetcher> CreateFetcher { get; init; } = () => PoliteFetcher.ForNetwork();
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>How alert webhooks are sent while watching.</summary>
    public HookServices Hooks { get; init; } = new();
}

/// <summary>
/// <c>watch [--once]</c>: polls every source (<c>recoupe sources</c>) on its schedule until stopped (Ctrl+C), storing
/// each new article and grouping each round's articles into stories as it goes; <c>--once</c> polls each source once and
/// exits (for cron and tests). The sources' state is in the store, so a restarted watch goes on where it stopped.
/// With <c>--queue</c> (or RECOUPE_QUEUE) new articles are published to the work queue instead, as <c>ingest --queue</c>
/// does, and the workers store them; the assigner groups them.
/// </summary>
public static class WatchCommand
{
    public static Command Create() => Create(new WatchServices());

    public static Command Create(WatchServices services)
    {
        var once = new Option<bool>("--once") { Description = "Poll every source once, then exit (due or not)" };
        var queueUrl = QueueCommands.QueueOption();
        queueUrl.Description = "Publish new articles to this RabbitMQ work queue for `recoupe worker` instead of storing them (default: RECOUPE_QUEUE)";
        var queueName = QueueCommands.QueueNameOption();
        var command = new Command("watch", "Poll the watched sources and store what is new, grouping it into stories as it comes") { once, queueUrl, queueName };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var sources = context.OpenSources(createIfMissing: false);
            using var stories = context.OpenStories(create: false);
            if (sources.List().Count == 0) throw new CliException("no sources to watch; add one with `recoupe sources add URL`");
            using var fetcher = services.CreateFetcher();
            // Publishing: the workers store and the assigner groups, so this process groups nothing.
            var publisher = parse.GetValue(queueUrl) is { } url
                ? QueueArticlePublisher.ConnectAsync(url, new QueueOptions { Raw = parse.GetValue(queueName)! }, "recoupe-watch").GetAwaiter().GetResult()
                : null;
            var indexer = new StoryIndexer(articles, stories);
            // What a killed command stored but did not group comes first, so stories come out as from an uninterrupted run.
            if (publisher is null && indexer.FinishPending() is { } pending)
                context.Out.WriteLine(StoryUpdate.Describe(pending) + Alerts(context, articles, stories));

            var runner = new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = services.Clock }, publisher: publisher)
            {
                Group = publisher is null ? () => StoryUpdate.Describe(indexer.Update()) + Alerts(context, articles, stories) : null,
            };
            // Webhooks are sent beside the polls, never in their way: events wait in the store until delivered.
            using var alertStore = context.OpenAlerts(createIfMissing: false);
            using var http = services.Hooks.CreateClient();
            var deliverer = new HookDeliverer(alertStore, http, services.Hooks.Options);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            var failed = 0;
            try
            {
                if (parse.GetValue(once))
                {
                    var round = runner.PollAsync(dueOnly: false, stop.Token).GetAwaiter().GetResult();
                    Report(context, round);
                    failed = round.Failed;
                    if (alertStore.Hooks().Count > 0)
                        context.Out.WriteLine(HooksCommand.Describe(deliverer.DeliverDueAsync(stop.Token).GetAwaiter().GetResult()));
                }
                else
                {
                    context.Error.WriteLine($"recoupe: watching {sources.List().Count} source(s); Ctrl+C to stop");
                    var delivering = deliverer.RunAsync(cancellation: stop.Token);
                    runner.RunAsync(round => Report(context, round), stop.Token).GetAwaiter().GetResult();
                    stop.Cancel();
                    delivering.GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped: every stored article is committed; the sources' state is saved per finished poll.
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                if (publisher is not null)
                {
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"recoupe: published {publisher.Published} article(s) to {parse.GetValue(queueName)} (waited {publisher.Waited.TotalSeconds:0.0} s for room in the queue)"));
                    publisher.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            return failed > 0 ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>What the alert detector found after a grouping, as the end of the grouping's line.</summary>
    private static string Alerts(CliContext context, Core.Storage.IArticleReadStore articles, Core.Storage.IStoryReadStore stories) =>
        AlertsCommand.Detect(context, articles, stories) is { Events.Count: > 0 } run ? $"; alerts: {run.Events.Count} new" : "";

    private static void Report(CliContext context, WatchRound round)
    {
        if (context.Json)
        {
            CliJson.Write(context.Out, new
            {
                Polls = round.Polls.Select(p => new
                {
                    p.Source.Id, p.Source.Url, p.NotModified, p.Error, p.NextDue, p.Counts.Listed, p.Counts.Known,
                    p.Counts.PagesFetched, p.Counts.Stored, p.Counts.Versions, p.Counts.Duplicates, p.Counts.FromFeed, p.Counts.Failed,
                    p.Counts.Published,
                }),
                round.Stored, round.Versions, round.Published, round.Grouping,
            });
            context.Out.WriteLine();
            return;
        }
        foreach (var p in round.Polls)
        {
            var c = p.Counts;
            var what = p.Error is not null ? $"failed: {p.Error}"
                : p.NotModified ? "not modified"
                : c.Published > 0
                    ? $"{c.Listed} listed, {c.Published} published to the queue ({c.FromFeed} from the feed's own text), {c.Versions} updated, {c.Duplicates} duplicate(s), {c.Failed} failed, {c.Known} known"
                    : $"{c.Listed} listed, {c.Stored} new ({c.FromFeed} from the feed's own text), {c.Versions} updated, {c.Duplicates} duplicate(s), {c.Failed} failed, {c.Known} known";
            var next = p.NextDue.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            context.Out.WriteLine($"source {p.Source.Id} {p.Source.Url}: {what} (next poll {next} UTC)");
            if (p.Error is not null) context.Error.WriteLine($"recoupe: {p.Source.Url}: {p.Error}");
        }
        if (round.Grouping is not null) context.Out.WriteLine(round.Grouping);
        context.Out.Flush();
    }
}
