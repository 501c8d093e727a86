using System.Globalization;
using Recoupe.App;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Commands;

/// <summary>
/// Story clustering after a command that changed the articles (ingest, reprocess). The articles are stored whatever
/// happens here: each article that cannot be clustered, or a failure of the whole update, is said on standard error,
/// with what the user can run to catch up.
/// </summary>
internal static class StoryUpdate
{
    /// <summary>
    /// Runs <paramref name="update"/> on the store's stories, then checks story alerts unless <paramref name="alerts"/> is
    /// false (the caller checks them elsewhere, <see cref="DetectAlerts"/>); null when it failed (said with
    /// <paramref name="whenFailed"/>) or had nothing to do.
    /// </summary>
    public static StoryIndexRun? Run(CliContext context, IArticleReadStore store, Func<StoryIndexer, StoryIndexRun?> update, string whenFailed,
        bool alerts = true)
    {
        try
        {
            using var stories = context.OpenStories(create: true);
            var run = update(new StoryIndexer(store, stories));
            if (run is null) return null;
            if (alerts) AlertsCommand.Detect(context, store, stories);
            foreach (var (articleId, error) in run.Failures)
                context.Error.WriteLine($"recoupe: article {articleId}: not clustered: {error}");
            return run;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException or CliException)
        {
            context.Error.WriteLine($"recoupe: {string.Format(System.Globalization.CultureInfo.InvariantCulture, whenFailed, e.Message)}");
            return null;
        }
    }

    /// <summary>Checks story alerts on connections of its own (so it may run beside the writer): what was grouped since the last check.</summary>
    public static void DetectAlerts(CliContext context)
    {
        try
        {
            using var articles = context.OpenStore(create: false);
            using var stories = context.OpenStories();
            AlertsCommand.Detect(context, articles, stories);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException or CliException)
        {
            context.Error.WriteLine($"recoupe: alerts not checked ({e.Message}); the next grouping checks them");
        }
    }

    /// <summary>One line for the command line: "stories: 3 articles clustered, 2 stories changed (12 stories), 1 merge".</summary>
    public static string Describe(StoryIndexRun run)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{run.Clustered} article(s) clustered"),
            string.Create(CultureInfo.InvariantCulture, $"{run.ChangedStories} story(ies) new or changed ({run.Stories} in all)"),
        };
        if (run.Merges > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Merges} merge(s)"));
        if (run.Splits > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Splits} split(s)"));
        if (run.Failures.Count > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Failures.Count} failed"));
        var why = run.Reclustered is null || run.Reclustered == "recluster" ? "" : $" [reclustered from scratch: {run.Reclustered}]";
        return "stories: " + string.Join(", ", parts) + why;
    }
}
