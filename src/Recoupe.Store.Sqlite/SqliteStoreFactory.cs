using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>The stores of one SQLite file: each opened on a connection of its own (WAL: readers beside the one writer).</summary>
public sealed class SqliteStoreFactory(string path, bool createIfMissing = true) : IStoreFactory
{
    public string Path { get; } = path;
    public string Name => Path;

    public IArticleStore OpenArticles(TimeSpan? busyTimeout = null) => new SqliteArticleStore(Path, busyTimeout is { } timeout
        ? new SqliteStoreOptions { CreateIfMissing = createIfMissing, BusyTimeout = timeout }
        : new SqliteStoreOptions { CreateIfMissing = createIfMissing });

    public IStoryStore OpenStories() => new SqliteStoryStore(Path, createIfMissing: createIfMissing);
    public ISourceStore OpenSources() => new SqliteSourceStore(Path, createIfMissing);
    public AlertTables OpenAlerts() => new SqliteAlertStore(Path, createIfMissing);
    public IStoreChanges OpenChanges() => new SqliteDataVersion(Path);

    /// <summary>SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.</summary>
    public bool IsBusy(Exception? error) => error is SqliteException { SqliteErrorCode: var code } && (code & 0xff) is 5 or 6;

    public void Dispose() { }
}

/// <summary>
/// SQLite's <c>PRAGMA data_version</c> on a connection kept for this alone: it changes whenever another connection has
/// committed since its last reading. One reading costs microseconds, so readers may ask on every request.
/// </summary>
public sealed class SqliteDataVersion : IStoreChanges
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _dataVersion;
    private readonly object _gate = new();

    /// <param name="path">A file the store has already opened (and migrated).</param>
    public SqliteDataVersion(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        _dataVersion = _connection.CreateCommand();
        _dataVersion.CommandText = "PRAGMA data_version;";
    }

    public long Version()
    {
        lock (_gate) return Convert.ToInt64(_dataVersion.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _dataVersion.Dispose();
            _connection.Dispose();
        }
    }
}
