using Microsoft.Data.Sqlite;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// A store that keeps its own tables in the article store's file (watched sources, alerts): one connection opened by
/// <see cref="SqliteSideConnection"/>, used under one lock so an instance may be shared by several threads, and
/// refused once disposed.
/// </summary>
public abstract class SqliteSideStore : IDisposable
{
    private readonly object _gate = new();
    private bool _disposed;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    protected SqliteSideStore(string path, bool createIfMissing) => Connection = SqliteSideConnection.Open(path, createIfMissing);

    protected SqliteConnection Connection { get; }

    /// <summary>The lock every call takes (<see cref="Locked{T}"/>, or held by a caller that also checks <see cref="ThrowIfDisposed"/>).</summary>
    protected object Gate => _gate;

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Runs one statement or one transaction under the store's lock.</summary>
    protected T Locked<T>(Func<T> body)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return body();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Connection.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
