using System.Globalization;
using Npgsql;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// The stores of one PostgreSQL database (or schema): one connection pool (<see cref="PostgresDatabase"/>, opened and
/// migrated once here) shared by every store it opens. The stores are safe to share between threads.
/// </summary>
public sealed class PostgresStoreFactory : IStoreFactory
{
    private readonly PostgresDatabase _database;

    /// <param name="create">False for a command that only reads: a database without Recoupe's tables is an error.</param>
    public PostgresStoreFactory(string location, bool create = true) => _database = new PostgresDatabase(location, create);

    public string Name => _database.Display;

    public IArticleStore OpenArticles(TimeSpan? busyTimeout = null) => new PostgresArticleStore(_database);
    public IStoryStore OpenStories() => new PostgresStoryStore(_database);
    public ISourceStore OpenSources() => new PostgresSourceStore(_database);
    public AlertTables OpenAlerts() => new PostgresAlertStore(_database);
    public IStoreChanges OpenChanges() => new PostgresChanges(_database);

    /// <summary>PostgreSQL writers wait for each other's row locks instead of failing busy.</summary>
    public bool IsBusy(Exception? error) => false;

    public void Dispose() => _database.Dispose();
}

/// <summary>
/// What a server's story list must notice of other processes' commits, read in one query: the newest article id (new
/// articles) and when the stories were last saved, by any partition (every grouping and reclustering saves them). A text replaced by a
/// newer version is noticed at the grouping that follows it. Not the WAL position: it moves with every write to any
/// database of the server, and each move would make every reader read the whole list again.
/// </summary>
internal sealed class PostgresChanges(PostgresDatabase database) : IStoreChanges
{
    public long Version()
    {
        using var connection = database.Open();
        using var command = new NpgsqlCommand(
            "SELECT (SELECT coalesce(max(id), 0) FROM articles), (SELECT max(saved_at) FROM story_index);", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        var lastArticle = reader.GetInt64(0);
        var saved = reader.IsDBNull(1) ? 0 : DateTime.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Ticks;
        return unchecked(lastArticle * 1_000_003 ^ saved);
    }

    public void Dispose() { }
}
