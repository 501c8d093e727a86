using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Ingest;

namespace Recoupe.Web.Ingest;

/// <summary>The store stayed locked by another writer past the busy timeout: nothing is wrong with the article, retry later.</summary>
public sealed class StoreBusyException(Exception inner)
    : Exception("the store is locked by another writer (another process is writing to it); the article was not stored: retry later", inner)
{
    /// <summary>True when this failure is the store being busy, not something about the article.</summary>
    public static bool IsCause(IngestItemResult result) =>
        result.Status == IngestStatus.Failed && result.Error is { } error && error.Contains(nameof(StoreBusyException) + ":", StringComparison.Ordinal);
}

/// <summary>
/// The writer's store, telling "busy" apart: a batch that could not get the write lock fails with a
/// <see cref="StoreBusyException"/>, which the API answers with 503 and Retry-After (the item is fine, the moment is not).
/// Once the lock was refused in a run, the rest of that run fails at once instead of waiting out the timeout per batch.
/// </summary>
/// <param name="isBusy">The store's own test of a busy failure (<see cref="IStoreFactory.IsBusy"/>).</param>
public sealed class BusyAwareStore(IArticleWriteStore inner, Func<Exception?, bool> isBusy) : IArticleWriteStore
{
    private Exception? _busy;

    /// <summary>A new run of the writer: try the lock again.</summary>
    public void BeginRun() => _busy = null;

    public StoreResult Add(Document document) => inner.Add(document);

    public IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents)
    {
        if (_busy is not null) return documents.Select(_ => new StoreAttempt(null, new StoreBusyException(_busy))).ToList();
        IReadOnlyList<StoreAttempt> attempts;
        try
        {
            attempts = inner.AddBatch(documents);
        }
        catch (Exception e) when (isBusy(e))
        {
            _busy = e;
            throw new StoreBusyException(e);
        }
        if (!attempts.Any(a => isBusy(a.Error))) return attempts;
        _busy = attempts.First(a => isBusy(a.Error)).Error;
        return attempts.Select(a => isBusy(a.Error) ? a with { Error = new StoreBusyException(a.Error!) } : a).ToList();
    }

    public StoreResult Replace(long id, Document document) => inner.Replace(id, document);
}
