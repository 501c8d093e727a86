using Microsoft.Data.Sqlite;

namespace Recoupe.Web.Storage;

/// <summary>
/// Notices commits to the store by any other connection (another process's <c>recoupe ingest</c>, and this server's own
/// writer): SQLite's <c>PRAGMA data_version</c> on a connection kept for this alone changes whenever another connection
/// has committed since its last reading. One reading costs microseconds, so readers may ask on every request.
/// </summary>
public sealed class StoreChanges : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _dataVersion;
    private readonly object _gate = new();

    public StoreChanges(WriteStore writer)
    {
        // The writer opened (and migrated) the file first.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = writer.Store.Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        _dataVersion = _connection.CreateCommand();
        _dataVersion.CommandText = "PRAGMA data_version;";
    }

    /// <summary>A number that changes when another connection commits to the store (compare for equality only).</summary>
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
