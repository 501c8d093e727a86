using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recoupe.Core.Storage;
using Recoupe.Stores;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Storage;

/// <summary>
/// Stores for reading, each with its own connection (SQLite) or the pool's (PostgreSQL), so reads run beside each other
/// and beside the one writer (SQLite's WAL and PostgreSQL both show readers the last committed state and never make them
/// wait for the writer). A request borrows one and gives it back.
/// </summary>
public sealed class ReadStores : IDisposable
{
    private readonly IStoreFactory _factory;
    private readonly int _maxIdle;
    private readonly ConcurrentBag<IArticleStore> _idle = [];
    private readonly ConcurrentBag<IStoryStore> _idleStories = [];
    private int _idleCount;
    private volatile bool _disposed;

    public ReadStores(IOptions<RecoupeWebOptions> options, WriteStore writer)
    {
        // The writer opened (and migrated) the store first; readers open the same one.
        _factory = writer.Factory;
        _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    }

    /// <summary>Runs <paramref name="read"/> on a store of its own for the duration of the call.</summary>
    public T Read<T>(Func<IArticleStore, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var store = _idle.TryTake(out var idle) ? Taken(idle) : _factory.OpenArticles();
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
        var store = _idleStories.TryTake(out var idle) ? idle : _factory.OpenStories();
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

    private IArticleStore Taken(IArticleStore store)
    {
        Interlocked.Decrement(ref _idleCount);
        return store;
    }

    private void Return(IArticleStore store)
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

/// <summary>
/// The stores that write (articles, stories), used only by the <see cref="Ingest.IngestQueue"/>'s writer thread, and the
/// store's <see cref="Factory"/> that every other part of the server opens its stores with (readers, sources, alerts).
/// </summary>
public sealed class WriteStore : IDisposable
{
    public WriteStore(IOptions<RecoupeWebOptions> options)
    {
        Factory = StoreLocation.Open(options.Value.Db, create: true);
        try
        {
            // A lock held by another process longer than this is answered 503 with Retry-After (see Ingest.BusyAwareStore).
            Store = Factory.OpenArticles(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.BusyTimeoutSeconds)));
            Stories = Factory.OpenStories();
        }
        catch
        {
            Store?.Dispose();
            Factory.Dispose();
            throw;
        }
    }

    public IStoreFactory Factory { get; }
    public IArticleStore Store { get; }
    public IStoryStore Stories { get; }

    public void Dispose()
    {
        Stories.Dispose();
        Store.Dispose();
        Factory.Dispose();
    }
}
