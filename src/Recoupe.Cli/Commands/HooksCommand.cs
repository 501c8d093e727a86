using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Recoupe.App.Alerts;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Ingest.Watch;

namespace Recoupe.Cli.Commands;

/// <summary>What webhook deliveries are sent with; tests pass a receiver of their own.</summary>
public sealed record HookServices
{
    public Func<HttpClient> CreateClient { get; init; } = () => new HttpClient();
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public HookDeliveryOptions Options => new() { Clock = Clock, UserAgent = RecoupeUserAgent.Value };
}

/// <summary>
/// <c>hooks add URL [--secret S] [--on KIND]… | list | remove ID | log | deliver</c>: webhooks that receive alert
/// events as signed JSON POSTs. <c>watch</c> and <c>serve</c> send them as they are found; <c>hooks deliver</c> sends
/// what is due once (for cron).
/// </summary>
public static class HooksCommand
{
    public static Command Create() => Create(new HookServices());

    public static Command Create(HookServices services)
    {
        var command = new Command("hooks", "Webhooks: alert events POSTed as JSON signed with HMAC-SHA256, retried with backoff");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Log());
        command.Subcommands.Add(Deliver(services));
        return command;
    }

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "Where to POST each event" };
        OptionValues.Check(url, u => UrlCanonicalizer.Canonical(u) is null ? "is not an http:// or https:// URL" : null);
        var secret = new Option<string?>("--secret") { Description = "The HMAC-SHA256 key (default: a random one, printed once)", HelpName = "SECRET" };
        var on = new Option<string[]>("--on")
        {
            Description = $"Event kinds to send (repeatable): {string.Join(", ", AlertKinds.All)} (default: all)",
            HelpName = "KIND", AllowMultipleArgumentsPerToken = true,
        };
        OptionValues.Check(on, v => AlertKinds.All.Contains(v) || v == "*" ? null : $"is not one of {string.Join(", ", AlertKinds.All)}");
        var command = new Command("add", "Send alert events to a URL") { url, secret, on };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: true);
            using var hooks = context.OpenAlerts(createIfMissing: true);
            var given = parse.GetValue(secret);
            var key = string.IsNullOrEmpty(given) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : given;
            var kinds = parse.GetValue(on) is { Length: > 0 } k ? k.Distinct(StringComparer.Ordinal).ToList() : ["*"];
            var hook = hooks.AddHook(parse.GetValue(url)!, key, kinds, DateTime.UtcNow);
            if (context.Json) CliJson.Write(context.Out, new { hook.Id, hook.Url, hook.Events, Secret = given is null ? key : null });
            else
            {
                context.Out.WriteLine($"hook {hook.Id} added: {hook.Url} on {string.Join(", ", hook.Events)}");
                if (string.IsNullOrEmpty(given)) context.Out.WriteLine($"secret (shown once; check {HookDeliverer.SignatureHeader} with it): {key}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Webhooks and their deliveries");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var hooks = context.OpenAlerts(createIfMissing: false);
            var list = hooks.Hooks();
            var counts = hooks.Counts();
            if (context.Json)
            {
                CliJson.Write(context.Out, new { Hooks = list.Select(h => new { h.Id, h.Url, h.Events, h.AddedAt }), Deliveries = counts });
                return ExitCodes.Ok;
            }
            if (list.Count == 0) context.Out.WriteLine("no hooks; add one with `recoupe hooks add URL`");
            foreach (var h in list) context.Out.WriteLine($"{h.Id,4}  {h.Url}  on {string.Join(", ", h.Events)}");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deliveries: {counts[DeliveryStatus.Delivered]} delivered, {counts[DeliveryStatus.Pending]} pending, {counts[DeliveryStatus.Failed]} given up"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("id") { Description = "The hook's id (see `hooks list`)" };
        var command = new Command("remove", "Stop sending to a hook (its pending deliveries are dropped)") { id };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var hooks = context.OpenAlerts(createIfMissing: false);
            if (!hooks.RemoveHook(parse.GetValue(id))) throw new CliException($"no hook {parse.GetValue(id)}");
            context.Out.WriteLine($"hook {parse.GetValue(id)} removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Log()
    {
        var limit = new Option<int>("--limit") { Description = "How many of the latest attempts", DefaultValueFactory = _ => 20 };
        var command = new Command("log", "The latest delivery attempts: event, attempt, answer, time taken") { limit };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var hooks = context.OpenAlerts(createIfMissing: false);
            var log = hooks.Log(Math.Max(0, parse.GetValue(limit)));
            if (context.Json) CliJson.Write(context.Out, log);
            else
                foreach (var a in log)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{a.At:yyyy-MM-dd HH:mm:ss}  hook {a.HookId}  {a.EventId}  attempt {a.Attempt}  {(a.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "-")} {a.Error ?? "ok"}  {a.Millis} ms"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Deliver(HookServices services)
    {
        var command = new Command("deliver", "Send the deliveries due now, once (watch and serve send them as they come)");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var hooks = context.OpenAlerts(createIfMissing: false);
            using var http = services.CreateClient();
            var pass = new HookDeliverer(hooks, http, services.Options).DeliverDueAsync().GetAwaiter().GetResult();
            context.Out.WriteLine(Describe(pass));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static string Describe(DeliveryPass pass) =>
        $"hooks: {pass.Attempts} attempt(s), {pass.Delivered} delivered, {pass.Retrying} to retry, {pass.GivenUp} given up";
}
