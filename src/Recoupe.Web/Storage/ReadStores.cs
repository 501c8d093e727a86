using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recoupe.Core.Storage;
using Recoupe.Store.Sqlite;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Storage;

/// <summary>
/// Stores for reading, each with its own SQLite connection, so reads run beside each other and beside the one writer
/// (WAL: readers see the last committed state and never wait for the writer). A request borrows one and gives it back.
/// </summary>
public sealed class ReadStores : IDisposable
{
    private readonly string _path;
    private readonly int _maxIdle;
    private readonly ConcurrentBag<SqliteArticleStore> _idle = [];
    private readonly ConcurrentBag<SqliteStoryStore> _idleStories = [];
    private int _idleCount;
    private volatile bool _disposed;

    public ReadStores(IOptions<RecoupeWebOptions> options, WriteStore writer)
    {
        // The writer opened (and migrated) the file first; readers open the same file.
        _path = writer.Store.Path;
        _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    }

    /// <summary>Runs <paramref name="read"/> on a store of its own for the duration of the call.</summary>
    public T Read<T>(Func<IArticleStore, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var store = _idle.TryTake(out var idle) ? Taken(idle) : new SqliteArticleStore(_path);
        try
        {
            return read(store);
        }
        finally
        {
            Return(store);
        }
    }

    /// <summary>Runs <paramref name="read"/> on a story store of its own for the duration of the call.</summary>
    public T ReadStories<T>(Func<IStoryStore, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var store = _idleStories.TryTake(out var idle) ? idle : new SqliteStoryStore(_path);
        try
        {
            return read(store);
        }
        finally
        {
            if (!_disposed && _idleStories.Count < _maxIdle) _idleStories.Add(store);
            else store.Dispose();
        }
    }

    private SqliteArticleStore Taken(SqliteArticleStore store)
    {
        Interlocked.Decrement(ref _idleCount);
        return store;
    }

    private void Return(SqliteArticleStore store)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Add(store);
            return;
        }
        if (!_disposed) Interlocked.Decrement(ref _idleCount);
        store.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var store)) store.Dispose();
        while (_idleStories.TryTake(out var stories)) stories.Dispose();
    }
}

/// <summary>The stores that write (articles, stories): used only by the <see cref="Ingest.IngestQueue"/>'s writer thread.</summary>
public sealed class WriteStore : IDisposable
{
    public WriteStore(IOptions<RecoupeWebOptions> options)
    {
        // A lock held by another process longer than this is answered 503 with Retry-After (see Ingest.BusyAwareStore).
        Store = new SqliteArticleStore(options.Value.Db,
            new SqliteStoreOptions { BusyTimeout = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.BusyTimeoutSeconds)) });
        Stories = new SqliteStoryStore(Store.Path);
    }

    public SqliteArticleStore Store { get; }
    public SqliteStoryStore Stories { get; }

    public void Dispose()
    {
        Stories.Dispose();
        Store.Dispose();
    }
}
