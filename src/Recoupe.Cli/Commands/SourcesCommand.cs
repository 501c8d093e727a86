using System.CommandLine;
using System.Globalization;
using System.Xml;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;
using Recoupe.Ingest.Watch;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>sources add URL [--name NAME] [--every 5m] | list | remove ID|URL | import FILE.opml</c>: the sources <c>watch</c>
/// polls, kept in the store with their state (last poll, validators, next due time, errors, items a day).
/// </summary>
public static class SourcesCommand
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinEvery = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var command = new Command("sources", "The feeds, sitemaps and sites `watch` polls: add, list, remove, import an OPML file");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Import());
        return command;
    }

    /// <summary><c>--every 5m</c>: how often a source is polled (s, m, h or d; a bare number is seconds).</summary>
    private static Option<TimeSpan?> Every() => new("--every")
    {
        Description = $"How often to poll it: 30s, 5m, 2h, 1d (default {Interval(DefaultEvery)}; at least {Interval(MinEvery)})",
        HelpName = "INTERVAL",
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (token is null) return null;
            if (ParseInterval(token) is { } value && value >= MinEvery) return value;
            result.AddError($"--every: '{token}' is not an interval of {Interval(MinEvery)} or more (e.g. 30s, 5m, 2h, 1d)");
            return null;
        },
    };

    public static TimeSpan? ParseInterval(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        var unit = char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1e6)
            return null;
        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => null,
        };
    }

    public static string Interval(TimeSpan value) =>
        value.TotalDays >= 1 && value.TotalDays % 1 == 0 ? $"{value.TotalDays:0}d"
        : value.TotalHours >= 1 && value.TotalHours % 1 == 0 ? $"{value.TotalHours:0}h"
        : value.TotalMinutes >= 1 && value.TotalMinutes % 1 == 0 ? $"{value.TotalMinutes:0}m"
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s");

    private static string? HttpUrlProblem(string url) =>
        UrlCanonicalizer.Canonical(url) is null ? "is not an http:// or https:// URL" : null;

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "A feed (RSS, Atom, JSON Feed), a sitemap or news sitemap, or a site's home page" };
        OptionValues.Check(url, HttpUrlProblem);
        var name = new Option<string?>("--name") { Description = "The outlet's name (default: what its pages say)", HelpName = "NAME" };
        var every = Every();
        var command = new Command("add", "Watch a feed, sitemap or site") { url, name, every };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: true); // creates and migrates the file
            using var sources = context.OpenSources(createIfMissing: true);
            var canonical = UrlCanonicalizer.Canonical(parse.GetValue(url))!;
            var added = sources.Add(canonical, parse.GetValue(name), parse.GetValue(every) ?? DefaultEvery, DateTime.UtcNow, out var source);
            if (context.Json) CliJson.Write(context.Out, new { Added = added, Source = View(source, DateTime.UtcNow) });
            else context.Out.WriteLine(added ? $"source {source.Id} added: {source.Url} every {Interval(source.Every)}" : $"already watched as source {source.Id}: {source.Url}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Watched sources with their health: last success, errors, items a day, next poll");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var sources = context.OpenSources(createIfMissing: false);
            var now = DateTime.UtcNow;
            var list = sources.List();
            if (context.Json)
            {
                CliJson.Write(context.Out, list.Select(s => View(s, now)));
                return ExitCodes.Ok;
            }
            if (list.Count == 0) context.Out.WriteLine("no sources; add one with `recoupe sources add URL`");
            foreach (var s in list)
            {
                var state = s.State;
                var health = state.Errors > 0 ? $"{state.Errors} error(s) in a row: {state.LastError}" : state.LastSuccess is null ? "not polled yet" : "ok";
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id,4}  {s.Url}{(s.Name is null ? "" : $" ({s.Name})")}  every {Interval(s.Every)}  {state.Kind ?? "?"}  " +
                    $"items {state.Items} ({s.ItemsPerDay(now):0.#}/day)  last success {Date(state.LastSuccess)}  next {Date(state.NextDue)}  {health}"));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var which = new Argument<string>("source") { Description = "The source's id or URL" };
        var command = new Command("remove", "Stop watching a source (the articles it gave stay)") { which };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var sources = context.OpenSources(createIfMissing: false);
            var key = parse.GetValue(which)!;
            if (!sources.Remove(key) && !(UrlCanonicalizer.Canonical(key) is { } url && sources.Remove(url)))
                throw new CliException($"no source {key}");
            context.Out.WriteLine($"source {key} removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "An OPML file (as feed readers export): every outline with an xmlUrl" };
        OptionValues.Check(file, OptionValues.ExistingFile);
        var every = Every();
        var command = new Command("import", "Watch every feed of an OPML file") { file, every };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            List<(string Url, string? Name)> feeds;
            try
            {
                feeds = ReadOpml(parse.GetValue(file)!);
            }
            catch (XmlException e)
            {
                throw new CliException($"{parse.GetValue(file)}: not a readable OPML file: {e.Message}", ExitCodes.InputsFailed);
            }
            using var articles = context.OpenStore(create: true);
            using var sources = context.OpenSources(createIfMissing: true);
            var now = DateTime.UtcNow;
            int added = 0, known = 0, bad = 0;
            foreach (var (url, name) in feeds)
            {
                if (UrlCanonicalizer.Canonical(url) is not { } canonical)
                {
                    context.Error.WriteLine($"recoupe: {url}: not an http(s) URL, skipped");
                    bad++;
                    continue;
                }
                if (sources.Add(canonical, name, parse.GetValue(every) ?? DefaultEvery, now, out _)) added++;
                else known++;
            }
            context.Out.WriteLine($"{added} source(s) added, {known} already watched, {bad} skipped");
            return bad > 0 ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Every outline with an xmlUrl, at any depth (folders nest them), with its title or text as the name.</summary>
    public static List<(string Url, string? Name)> ReadOpml(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        var feeds = new List<(string, string?)>();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "outline") continue;
            var url = reader.GetAttribute("xmlUrl");
            if (string.IsNullOrWhiteSpace(url)) continue;
            var name = reader.GetAttribute("title") ?? reader.GetAttribute("text");
            feeds.Add((url.Trim(), string.IsNullOrWhiteSpace(name) ? null : name.Trim()));
        }
        return feeds;
    }

    private static string Date(DateTime? value) =>
        value is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";

    private static object View(WatchedSource s, DateTime now) => new
    {
        s.Id, s.Url, s.Name, EverySeconds = (long)s.Every.TotalSeconds, s.AddedAt, s.State.Kind, s.State.FeedUrl,
        s.State.LastPoll, s.State.LastSuccess, s.State.NextDue, s.State.Errors, s.State.TotalErrors, s.State.LastError,
        s.State.Items, ItemsPerDay = Math.Round(s.ItemsPerDay(now), 2),
    };
}
