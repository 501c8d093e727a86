using System.CommandLine;
using System.Globalization;
using Recoupe.App;
using Recoupe.Cli.Output;
using Recoupe.Store.Sqlite;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>recluster [--json]</c>: groups every stored article into stories again from nothing, in arrival (id) order — after
/// a change of the clustering model (<c>reprocess</c> reclusters by itself when texts change). Former ids that disappear redirect to
/// the story that took most of their articles.
/// </summary>
public static class ReclusterCommand
{
    public static Command Create()
    {
        var command = new Command("recluster", "Group every stored article into stories again, from scratch");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var articles = context.OpenStore(create: false);
            using var stories = context.OpenStories();
            var run = new StoryIndexer(articles, stories).Recluster();
            foreach (var (articleId, error) in run.Failures)
                context.Error.WriteLine($"recoupe: article {articleId}: {error}");
            if (context.Json)
            {
                CliJson.Write(context.Out, new
                {
                    run.Clustered,
                    run.Stories,
                    run.Merges,
                    run.Splits,
                    Failures = run.Failures.Select(f => new { Id = f.ArticleId, f.Error }),
                    Seconds = Math.Round(run.Elapsed.TotalSeconds, 3),
                });
            }
            else
            {
                var seconds = run.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                context.Out.WriteLine($"reclustered {run.Clustered} article(s) into {run.Stories} stories, {run.Merges} merge(s), {run.Splits} split(s) ({seconds} s, {context.DbName})");
            }
            return run.Failures.Count > 0 ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }
}
