using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;
using Recoupe.Store.Sqlite;

namespace Recoupe.Cli.Commands;

/// <summary><c>stories [--limit N] [--json]</c>: the stories, newest first: id, size, dates, outlets, label, headline.</summary>
public static class StoriesCommand
{
    /// <summary>Rows a text table shows when no --limit is given (JSON gives all).</summary>
    public const int DefaultTableRows = 50;

    public static Command Create()
    {
        var limit = SharedOptions.Limit("stories", DefaultTableRows);

        var command = new Command("stories", "List stories (groups of articles telling one event), newest first");
        command.Options.Add(limit);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var stories = context.OpenStories();
            var requested = parse.GetValue(limit);
            if (context.Json)
            {
                CliJson.Write(context.Out, stories.List(requested).Select(s => StoryJson.From(s, stories.Members(s.Id))));
                return ExitCodes.Ok;
            }

            var rows = stories.List(requested ?? DefaultTableRows);
            var table = new TextTable(("ID", 13), ("SIZE", 4), ("FIRST", 10), ("LAST", 10), ("OUTLETS", 28), ("LABEL", 44), ("HEADLINE", 0));
            foreach (var story in rows)
            {
                table.Add(story.Id, story.Size.ToString(CultureInfo.InvariantCulture), StoryJson.Day(story.FirstDate), StoryJson.Day(story.LastDate),
                    string.Join(", ", story.Outlets), story.Label, story.Headline);
            }
            table.Write(context.Out);
            var total = stories.Count();
            if (total == 0)
                context.Error.WriteLine("no stories yet: ingest articles (stories are made as they are stored), or run `recoupe recluster`");
            else if (requested is null && total > rows.Count)
                context.Error.WriteLine($"showing {rows.Count} of {total} stories; --limit N or --json for more");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>A story in JSON (DESIGN.md): id, label, size, outlets, dates, and the ids of its articles.</summary>
internal sealed record StoryJson(
    string Id,
    string Label,
    string Headline,
    int Size,
    IReadOnlyList<string> Outlets,
    string? FirstDate,
    string? LastDate,
    bool Closed,
    IReadOnlyList<string> KeyEntities,
    IReadOnlyList<string> KeyWords,
    IReadOnlyList<long> Articles)
{
    public static StoryJson From(StoredStory story, IReadOnlyList<StoryMember> members) =>
        new(story.Id, story.Label, story.Headline, story.Size, story.Outlets, NullableDay(story.FirstDate), NullableDay(story.LastDate),
            story.Closed, story.KeyEntities, story.KeyWords, members.Select(m => m.ArticleId).ToList());

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string? NullableDay(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
