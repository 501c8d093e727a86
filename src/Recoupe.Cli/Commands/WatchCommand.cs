using System.CommandLine;
using System.Globalization;
using Recoupe.App;
using Recoupe.App.Alerts;
using Recoupe.Cli.Output;
using Recoupe.Ingest.Watch;

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
/// </summary>
public static class WatchCommand
{
    public static Command Create() => Create(new WatchServices());

    public static Command Create(WatchServices services)
    {
        var once = new Option<bool>("--once") { Description = "Poll every source once, then exit (due or not)" };
        var command = new Command("watch", "Poll the watched sources and store what is new, grouping it into stories as it comes") { once };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var sources = context.OpenSources(createIfMissing: false);
            using var stories = context.OpenStories(create: false);
            if (sources.List().Count == 0) throw new CliException("no sources to watch; add one with `recoupe sources add URL`");
            using var fetcher = services.CreateFetcher();
            var indexer = new StoryIndexer(articles, stories);
            // What a killed command stored but did not group comes first, so stories come out as from an uninterrupted run.
            if (indexer.FinishPending() is { } pending) context.Out.WriteLine(StoryUpdate.Describe(pending) + Alerts(context, articles, stories));

            var runner = new WatchRunner(sources, articles, fetcher, new WatchOptions { Clock = services.Clock })
            {
                Group = () => StoryUpdate.Describe(indexer.Update()) + Alerts(context, articles, stories),
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
                }),
                round.Stored, round.Versions, round.Grouping,
            });
            context.Out.WriteLine();
            return;
        }
        foreach (var p in round.Polls)
        {
            var c = p.Counts;
            var what = p.Error is not null ? $"failed: {p.Error}"
                : p.NotModified ? "not modified"
                : $"{c.Listed} listed, {c.Stored} new ({c.FromFeed} from the feed's own text), {c.Versions} updated, {c.Duplicates} duplicate(s), {c.Failed} failed, {c.Known} known";
            var next = p.NextDue.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            context.Out.WriteLine($"source {p.Source.Id} {p.Source.Url}: {what} (next poll {next} UTC)");
            if (p.Error is not null) context.Error.WriteLine($"recoupe: {p.Source.Url}: {p.Error}");
        }
        if (round.Grouping is not null) context.Out.WriteLine(round.Grouping);
        context.Out.Flush();
    }
}
