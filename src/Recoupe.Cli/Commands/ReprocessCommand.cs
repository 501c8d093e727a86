using System.CommandLine;
using System.Globalization;
using Recoupe.App;
using Recoupe.Cli.Output;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>reprocess [--parallel N] [--json]</c>: runs the pipeline again on every stored article's raw input and replaces
/// its text, metadata, annotations and entity/quotation/figure rows, one transaction per article, ids kept.
/// </summary>
public static class ReprocessCommand
{
    public static Command Create() => Create(DefaultPipeline.Create);

    public static Command Create(Func<Pipeline> createPipeline)
    {
        var parallel = SharedOptions.Parallel();

        var command = new Command("reprocess",
            "Run the pipeline again on every stored article (after a stage change or an upgrade); ids are kept");
        command.Options.Add(parallel);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var store = context.OpenStore(create: false);
            var runner = new ReprocessRunner(store, createPipeline()) { Parallelism = parse.GetValue(parallel) ?? Environment.ProcessorCount };
            var summary = runner.Run();
            // Stories were grouped from the texts just replaced: group them again so that they match the stored texts.
            var stories = summary.Replaced > 0 ? StoryUpdate.Run(context, store, indexer => indexer.Recluster(), "stories not reclustered after reprocess ({0}); run `recoupe recluster`") : null;

            foreach (var problem in summary.Problems)
            {
                var what = problem.Status == ReprocessStatus.Duplicate
                    ? $"its cleaned text is now that of article {problem.DuplicateOf}; left as it was"
                    : problem.Error;
                context.Error.WriteLine($"recoupe: article {problem.ArticleId} ({problem.Source}): {what}");
            }
            if (context.Json)
            {
                CliJson.Write(context.Out, new
                {
                    summary.Articles,
                    summary.Replaced,
                    summary.Duplicates,
                    summary.Failed,
                    StoriesReclustered = stories is not null,
                    Stories = stories?.Stories,
                    Problems = summary.Problems.Select(p => new { Id = p.ArticleId, p.Source, p.Status, p.DuplicateOf, p.Error }),
                });
            }
            else
            {
                var seconds = summary.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                context.Out.WriteLine(
                    $"reprocessed {summary.Articles}: replaced {summary.Replaced}, duplicates {summary.Duplicates}, failed {summary.Failed} ({seconds} s, {context.DbName})");
                if (stories is not null)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"stories: reclustered {stories.Clustered} article(s) into {stories.Stories} stories (former story ids redirect)"));
            }
            return summary.Failed > 0 ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Tells, on standard error, that some articles have no rows for a listing until <c>reprocess</c> runs.</summary>
    public static void WarnIfPending(CliContext context, IArticleStore store, string what)
    {
        var pending = store.CountToReprocess();
        if (pending > 0)
            context.Error.WriteLine(
                $"note: {pending} article(s) stored by an older version have no {what} listed yet; run `recoupe reprocess` to add them");
    }
}
