using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>story ID [--json]</c>: one story — its articles with their copies grouped, each copy's lineage (the sentences it
/// added to or dropped from the first article of its group), and the merges and splits it went through. A former id
/// (merged away, or gone in a recluster) resolves to the story its articles went to; a unique id prefix is enough.
/// </summary>
public static class StoryCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The story id (see `stories`), a former id, or a unique prefix of 4+ characters" };
        var command = new Command("story", "Show one story: its articles, copies and lineage, merges and splits");
        command.Arguments.Add(id);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var given = parse.GetValue(id)!.Trim();
            using var stories = context.OpenStories();
            var story = stories.Get(given) ?? throw new CliException($"no story {given} in {context.DbPath}");
            using var articles = context.OpenStore(create: false);
            var members = stories.Members(story.Id);
            var lineage = Lineage(members, articles);
            var events = stories.Events(story.Id);
            if (context.Json)
            {
                CliJson.Write(context.Out, new
                {
                    Story = StoryJson.From(story, members),
                    ResolvedFrom = story.Id.StartsWith(given, StringComparison.Ordinal) ? null : given,
                    Articles = members.Select(m => new { Id = m.ArticleId, m.Published, m.Outlet, m.Title, m.CopyOf }),
                    Copies = lineage.Select(g => new
                    {
                        Original = g.Original,
                        Copies = g.Copies.Select(c => new
                        {
                            ArticleId = c.ArticleId,
                            Kept = c.Kept,
                            Added = c.Added.Select(e => new EvidenceJson(c.ArticleId, e.Start, e.End, e.Text)),
                            Dropped = c.Dropped.Select(e => new EvidenceJson(g.Original, e.Start, e.End, e.Text)),
                        }),
                    }),
                    Events = events.Select(e => new { e.Sequence, e.Kind, e.From, e.Into, e.Moved, e.TriggeredBy, e.At }),
                });
                return ExitCodes.Ok;
            }
            if (!story.Id.StartsWith(given, StringComparison.Ordinal)) context.Error.WriteLine($"note: {given} now resolves to story {story.Id}");
            WriteText(context.Out, story, members, lineage, events);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private sealed record Excerpt(int Start, int End, string Text);
    private sealed record CopyLineage(long ArticleId, int Kept, IReadOnlyList<Excerpt> Added, IReadOnlyList<Excerpt> Dropped);
    private sealed record CopyGroupLineage(long Original, IReadOnlyList<CopyLineage> Copies);

    /// <summary>The story's copy groups, each copy compared with its group's first article from the stored texts.</summary>
    private static List<CopyGroupLineage> Lineage(IReadOnlyList<StoryMember> members, IArticleStore articles)
    {
        var groups = new List<CopyGroupLineage>();
        foreach (var group in members.Where(m => m.CopyOf is not null).GroupBy(m => m.CopyOf!.Value).OrderBy(g => g.Key))
        {
            var original = articles.Get(group.Key);
            if (original is null) continue;
            var copies = new List<CopyLineage>();
            foreach (var member in group)
            {
                var copy = articles.Get(member.ArticleId);
                if (copy is null) continue;
                var changes = CopyDiff.Compare(original.Text, copy.Text, NotBody(original), NotBody(copy));
                copies.Add(new CopyLineage(member.ArticleId, changes.Kept,
                    changes.Added.Select(r => new Excerpt(r.Start, r.End, copy.Text[r.Start..r.End])).ToList(),
                    changes.Dropped.Select(r => new Excerpt(r.Start, r.End, original.Text[r.Start..r.End])).ToList()));
            }
            groups.Add(new CopyGroupLineage(group.Key, copies));
        }
        return groups;
    }

    /// <summary>What a copy comparison leaves out: the title paragraph and the dateline, which every outlet writes its own way.</summary>
    private static IEnumerable<TextRange> NotBody(StoredArticle article)
    {
        foreach (var paragraph in article.Paragraphs)
            if (paragraph.Role == ParagraphRole.Title) yield return new TextRange(paragraph.Start, paragraph.End);
        if (article.Dateline is { } dateline) yield return new TextRange(dateline.Start, dateline.End);
    }

    private static void WriteText(TextWriter output, StoredStory story, IReadOnlyList<StoryMember> members,
        List<CopyGroupLineage> lineage, IReadOnlyList<StoredStoryEvent> events)
    {
        output.WriteLine($"Story {story.Id}: {story.Label}");
        output.WriteLine($"Headline:  {story.Headline}");
        output.WriteLine($"Dates:     {StoryJson.Day(story.FirstDate)} to {StoryJson.Day(story.LastDate)}{(story.Closed ? " (closed)" : "")}");
        output.WriteLine($"Size:      {story.Size} article(s), {story.Outlets.Count} outlet(s){(story.Outlets.Count > 0 ? ": " + string.Join(", ", story.Outlets) : "")}");
        output.WriteLine();

        var table = new TextTable(("ID", 8), ("DATE", 16), ("OUTLET", 24), ("COPY OF", 8), ("TITLE", 0));
        foreach (var m in members)
        {
            var date = m.Published is { } p ? p.ToString(p.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
            table.Add(m.ArticleId.ToString(CultureInfo.InvariantCulture), date, OutletNames.Shown(m.Outlet), m.CopyOf?.ToString(CultureInfo.InvariantCulture), m.Title);
        }
        table.Write(output);

        if (lineage.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Copies (each against the first article of its group)");
            foreach (var group in lineage)
            {
                output.WriteLine($"  first article {group.Original}");
                foreach (var copy in group.Copies)
                {
                    output.WriteLine($"    copy {copy.ArticleId}: {copy.Kept} sentence(s) kept, {copy.Added.Count} added, {copy.Dropped.Count} dropped");
                    foreach (var added in copy.Added) output.WriteLine($"      + {TextTable.Cut(added.Text, 150)}");
                    foreach (var dropped in copy.Dropped) output.WriteLine($"      - {TextTable.Cut(dropped.Text, 150)}");
                }
            }
        }

        if (events.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Merges and splits");
            foreach (var e in events)
            {
                var moved = string.Join(", ", e.Moved.Select(m => m.ToString(CultureInfo.InvariantCulture)));
                var trigger = e.TriggeredBy is { } t ? $", on the arrival of article {t}" : "";
                output.WriteLine(e.Kind == StoryEventKind.Merge
                    ? $"  #{e.Sequence} merge: {string.Join(", ", e.From)} joined {e.Into} (articles {moved}){trigger}"
                    : $"  #{e.Sequence} split: articles {moved} left {string.Join(", ", e.From)} for {e.Into}{trigger}");
            }
        }
    }
}
