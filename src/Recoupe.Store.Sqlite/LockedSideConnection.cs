using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// A side store's one connection to the article store's file (<see cref="SqliteSideConnection"/>), used under one lock
/// so the store holding it may be shared by several threads: what the alert and source stores both run their
/// statements through.
/// </summary>
internal sealed class LockedSideConnection : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private bool _disposed;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public LockedSideConnection(string path, bool createIfMissing) =>
        _connection = SqliteSideConnection.Open(path, createIfMissing);

    public T Use<T>(Func<DbConnection, T> body)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return body(_connection);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
    }
}
