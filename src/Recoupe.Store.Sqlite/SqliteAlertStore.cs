using System.Data.Common;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Alert rules, events and webhooks in the same SQLite file as the articles (tables of migration 0010), on a connection
/// of its own like <see cref="SqliteSourceStore"/>, used under one lock so an instance may be shared by several threads.
/// The statements are <see cref="AlertTables"/>'s, the same as PostgreSQL's.
/// </summary>
public sealed class SqliteAlertStore : AlertTables
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private bool _disposed;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteAlertStore(string path = SqliteArticleStore.DefaultPath, bool createIfMissing = true) =>
        _connection = SqliteSideConnection.Open(path, createIfMissing);

    protected override T Use<T>(Func<DbConnection, T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return body(_connection);
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
    }
}
