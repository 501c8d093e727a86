using Recoupe.Store.Sqlite;

namespace Recoupe.Cli.Commands;

/// <summary>
/// Story clustering after a command that changed the articles (ingest, reprocess). The articles are stored whatever
/// happens here: each article that cannot be clustered, or a failure of the whole update, is said on standard error,
/// with what the user can run to catch up.
/// </summary>
internal static class StoryUpdate
{
    /// <summary>Runs <paramref name="update"/> on the store's stories; null when it failed (said with <paramref name="whenFailed"/>) or had nothing to do.</summary>
    public static StoryIndexRun? Run(CliContext context, SqliteArticleStore store, Func<StoryIndexer, StoryIndexRun?> update, string whenFailed)
    {
        try
        {
            using var stories = new SqliteStoryStore(context.DbPath);
            var run = update(new StoryIndexer(store, stories));
            if (run is null) return null;
            foreach (var (articleId, error) in run.Failures)
                context.Error.WriteLine($"recoupe: article {articleId}: not clustered: {error}");
            return run;
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            context.Error.WriteLine($"recoupe: {string.Format(System.Globalization.CultureInfo.InvariantCulture, whenFailed, e.Message)}");
            return null;
        }
    }
}
