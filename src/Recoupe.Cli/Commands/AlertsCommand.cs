using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recoupe.App.Alerts;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>alerts [--limit N] [--follow]</c>: story alerts as found after each grouping (a story reaching N outlets, a story
/// gaining outlets fast, figures of two outlets in conflict, a statement of a followed speaker), oldest first;
/// <c>--follow</c> keeps printing new ones. <c>alerts rules</c>, <c>alerts add …</c>, <c>alerts remove ID</c>: the rules.
/// </summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "How many of the latest alerts to list", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new alerts as they are found (Ctrl+C to stop)" };
        var command = new Command("alerts", "Story alerts: new stories reaching N outlets, stories growing fast, conflicts, statements of followed speakers")
        {
            limit, follow,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var alerts = context.OpenAlerts(createIfMissing: false);
            var events = alerts.Latest(Math.Max(0, parse.GetValue(limit))).Reverse().ToList();
            foreach (var e in events) Print(context, e);
            if (!parse.GetValue(follow)) return ExitCodes.Ok;
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var last = events.Count > 0 ? events[^1].Seq : alerts.Latest(1).FirstOrDefault()?.Seq ?? 0;
                while (!stop.IsCancellationRequested)
                {
                    foreach (var e in alerts.EventsAfter(last, 100))
                    {
                        Print(context, e);
                        last = e.Seq;
                    }
                    stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                }
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(Rules());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        return command;
    }

    /// <summary>
    /// Finds the alerts of what the last grouping added (ingest, watch), in either store; a failure is said and the
    /// articles stay stored.
    /// </summary>
    internal static AlertRun? Detect(CliContext context, IArticleReadStore articles, IStoryReadStore stories)
    {
        try
        {
            using var alerts = context.OpenAlerts(createIfMissing: true);
            return new AlertDetector(alerts, stories, articles).Run();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException or JsonException or CliException)
        {
            context.Error.WriteLine($"recoupe: alerts not checked ({e.Message}); the next grouping checks them");
            return null;
        }
    }

    private static void Print(CliContext context, AlertEvent e)
    {
        if (context.Json)
        {
            using var detail = JsonDocument.Parse(e.Detail);
            context.Out.WriteLine(JsonSerializer.Serialize(new { e.Seq, e.Id, e.Kind, e.StoryId, e.ArticleId, e.At, e.Title, Detail = detail.RootElement },
                new JsonSerializerOptions(CliJson.Options) { WriteIndented = false }));
        }
        else
        {
            context.Out.WriteLine($"{e.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {e.Kind,-17} {e.StoryId ?? "-",-13}  {AlertText.Describe(e)}");
        }
        context.Out.Flush();
    }

    private static Command Rules()
    {
        var command = new Command("rules", "The alert rules");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var alerts = context.OpenAlerts(createIfMissing: false);
            var rules = alerts.Rules();
            if (context.Json) CliJson.Write(context.Out, rules.Select(View));
            else if (rules.Count == 0) context.Out.WriteLine("no rules; add one with `recoupe alerts add`");
            else foreach (var r in rules) context.Out.WriteLine($"{r.Id,4}  {Describe(r)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add()
    {
        var outlets = new Option<int?>("--outlets") { Description = "A story reaching N outlets", HelpName = "N" };
        var growth = new Option<int?>("--growth") { Description = "A story gaining N outlets within --within", HelpName = "N" };
        var within = new Option<string?>("--within") { Description = "For --growth: 30m, 6h, 1d (default 6h)", HelpName = "INTERVAL" };
        OptionValues.Check(within, v => SourcesCommand.ParseInterval(v) is null ? "is not an interval (e.g. 30m, 6h, 1d)" : null);
        var conflicts = new Option<bool>("--conflicts") { Description = "Figures of two outlets about the same quantity disagree" };
        var speaker = new Option<string?>("--speaker") { Description = "A new statement by this speaker (matched as `quotes --speaker`)", HelpName = "NAME" };
        var query = new Option<string?>("--query") { Description = "Only stories whose label, headline, names or key words hold all these words", HelpName = "WORDS" };
        var command = new Command("add", "Add an alert rule: exactly one of --outlets, --growth, --conflicts, --speaker; --query narrows it")
        {
            outlets, growth, within, conflicts, speaker, query,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var kinds = new List<AlertRuleKind>();
            if (parse.GetValue(outlets) is not null) kinds.Add(AlertRuleKind.Outlets);
            if (parse.GetValue(growth) is not null) kinds.Add(AlertRuleKind.Growth);
            if (parse.GetValue(conflicts)) kinds.Add(AlertRuleKind.Conflict);
            if (!string.IsNullOrWhiteSpace(parse.GetValue(speaker))) kinds.Add(AlertRuleKind.Speaker);
            if (kinds.Count != 1) throw new CliException("give exactly one of --outlets N, --growth N, --conflicts, --speaker NAME");
            var n = parse.GetValue(outlets) ?? parse.GetValue(growth);
            if (n is < 1) throw new CliException("--outlets / --growth: N must be 1 or more");
            using var articles = context.OpenStore(create: true);
            using var alerts = context.OpenAlerts(createIfMissing: true);
            var window = parse.GetValue(within) is { } w ? SourcesCommand.ParseInterval(w) : null;
            var rule = alerts.AddRule(new AlertRule(0, kinds[0], n, kinds[0] == AlertRuleKind.Growth ? window ?? TimeSpan.FromHours(6) : null,
                parse.GetValue(speaker)?.Trim(), string.IsNullOrWhiteSpace(parse.GetValue(query)) ? null : parse.GetValue(query)!.Trim(), default),
                DateTime.UtcNow);
            if (context.Json) CliJson.Write(context.Out, View(rule));
            else context.Out.WriteLine($"rule {rule.Id} added: {Describe(rule)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("id") { Description = "The rule's id (see `alerts rules`)" };
        var command = new Command("remove", "Remove an alert rule (the alerts it found stay)") { id };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var alerts = context.OpenAlerts(createIfMissing: false);
            if (!alerts.RemoveRule(parse.GetValue(id))) throw new CliException($"no rule {parse.GetValue(id)}");
            context.Out.WriteLine($"rule {parse.GetValue(id)} removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static object View(AlertRule r) => new
    {
        r.Id, Kind = AlertTables.KindName(r.Kind), r.Outlets, WithinSeconds = r.Within is { } w ? (long?)w.TotalSeconds : null,
        r.Speaker, r.Query, r.AddedAt,
    };

    private static string Describe(AlertRule r)
    {
        var what = r.Kind switch
        {
            AlertRuleKind.Outlets => $"a story reaching {r.Outlets} outlets",
            AlertRuleKind.Growth => $"a story gaining {r.Outlets} outlets within {SourcesCommand.Interval(r.Within ?? TimeSpan.FromHours(6))}",
            AlertRuleKind.Conflict => "figures of two outlets in conflict",
            _ => $"a new statement by {r.Speaker}",
        };
        return r.Query is null ? what : $"{what}, stories about \"{r.Query}\"";
    }
}
