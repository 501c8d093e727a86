using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>digest [STORY] [--articles 1,2,3 | --all] [--format text|markdown|json|html] [--group NAME=A,B] [--sentences N]</c>:
/// the digest of a story — summary with the outlets that state each sentence, who said what, figures by source,
/// coverage matrix and timeline, every item with its evidence.
/// </summary>
public static class DigestCommand
{
    public static readonly string[] Formats = ["text", "markdown", "json", "html"];

    public static Command Create()
    {
        var story = new Argument<string?>("story")
        {
            Description = "The story id (see `stories`), a former id, or a unique prefix of 4+ characters",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var articles = new Option<IReadOnlyList<long>?>("--articles")
        {
            CustomParser = OptionValues.IdList(),
            Description = "Digest these stored articles as one story instead (comma-separated ids)",
            HelpName = "ID,ID,…",
        };
        var all = new Option<bool>("--all") { Description = "Digest every stored article as one story" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format (--json is the same as --format json)",
            DefaultValueFactory = _ => "text",
        };
        OptionValues.OneOf(format, Formats);
        var groups = new Option<string[]>("--group", "-g")
        {
            Description = "A group of outlets for the coverage matrix, NAME=OUTLET,OUTLET (repeatable)",
            HelpName = "NAME=A,B",
            AllowMultipleArgumentsPerToken = false,
        };
        OptionValues.Check(groups, value =>
        {
            try { OutletGroup.Parse(value); return null; }
            catch (FormatException) { return "is not NAME=OUTLET[,OUTLET…]"; }
        });
        var sentences = new Option<int?>("--sentences", "-n")
        {
            Description = $"Summary length (default: {DigestOptions.MinSentences}–{DigestOptions.MaxSentences}, chosen by the story)",
            HelpName = "N",
            CustomParser = OptionValues.WholeNumber(1),
        };

        var command = new Command("digest", "Digest a story: summary, who said what, figures by source, coverage, timeline");
        command.Arguments.Add(story);
        command.Options.Add(articles);
        command.Options.Add(all);
        command.Options.Add(format);
        command.Options.Add(groups);
        command.Options.Add(sentences);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var outletGroups = ParseGroups(parse.GetValue(groups) ?? []);
            using var store = context.OpenStore(create: false);
            var (chosen, id, label) = Choose(context, store, parse.GetValue(story), parse.GetValue(articles), parse.GetValue(all));

            var clock = Stopwatch.StartNew();
            var digest = DigestBuilder.Build(chosen, new DigestOptions
            {
                Sentences = parse.GetValue(sentences),
                Groups = outletGroups,
                StoryId = id,
                StoryLabel = label,
            });
            clock.Stop();

            var chosenFormat = context.Json ? "json" : parse.GetValue(format) ?? "text";
            switch (chosenFormat)
            {
                case "json": context.RawOut.WriteLine(DigestJson.Render(digest)); break;
                case "markdown": context.Out.Write(DigestMarkdown.Render(digest)); break;
                case "html": context.Out.Write(DigestHtml.Render(digest)); break;
                default: DigestTerminal.Write(context.RawOut, digest); break;
            }
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"digest of {chosen.Count} articles in {clock.Elapsed.TotalMilliseconds:0} ms"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<OutletGroup> ParseGroups(string[] values)
    {
        var parsed = new List<OutletGroup>();
        foreach (var value in values)
        {
            try { parsed.Add(OutletGroup.Parse(value)); }
            catch (FormatException e) { throw new CliException($"--group: {e.Message}"); }
        }
        return parsed;
    }

    /// <summary>The articles to digest: a story's (by id, former id or unique prefix), an explicit list, or all of them.</summary>
    private static (IReadOnlyList<StoredArticle> Articles, string? Id, string Label) Choose(
        CliContext context, IArticleStore store, string? story, IReadOnlyList<long>? ids, bool all)
    {
        var ways = (story is null ? 0 : 1) + (ids is null ? 0 : 1) + (all ? 1 : 0);
        if (ways != 1) throw new CliException("give one of: a story id (see `stories`), --articles ID,ID,… or --all");

        if (story is not null)
        {
            using var stories = context.OpenStories();
            var found = stories.Get(story.Trim()) ?? throw new CliException($"no story {story} in {context.DbPath} (see `stories`)");
            if (!found.Id.StartsWith(story.Trim(), StringComparison.Ordinal)) context.Error.WriteLine($"note: {story} now resolves to story {found.Id}");
            var members = stories.Members(found.Id)
                .Select(m => store.Get(m.ArticleId) ?? throw new CliException($"story {found.Id}: article {m.ArticleId} is missing from the store"))
                .ToList();
            if (members.Count == 0) throw new CliException($"story {found.Id} has no article");
            return (members, found.Id, found.Label);
        }

        if (all)
        {
            var every = store.All().ToList();
            if (every.Count == 0) throw new CliException("the database holds no article");
            return (every, null, "all articles");
        }

        var list = new List<StoredArticle>();
        foreach (var id in ids!)
            list.Add(store.Get(id) ?? throw new CliException($"--articles: no article with id {id}"));
        return (list, null, "articles " + string.Join(", ", list.Select(a => a.Id.ToString(CultureInfo.InvariantCulture))));
    }
}
