using Recoupe.Core.Storage;

namespace Recoupe.Web.Storage;

/// <summary>
/// Notices commits to the store by any other connection (another process's <c>recoupe ingest</c>, and this server's own
/// writer), through the store's own reader (<see cref="IStoreFactory.OpenChanges"/>: SQLite's <c>PRAGMA data_version</c>,
/// microseconds; PostgreSQL's newest article and stories' save time, one query), so readers may ask on every request.
/// </summary>
public sealed class StoreChanges(WriteStore writer) : IDisposable
{
    // The writer opened (and migrated) the store first.
    private readonly IStoreChanges _changes = writer.Factory.OpenChanges();

    /// <summary>A number that changes when another connection commits to the store (compare for equality only).</summary>
    public long Version() => _changes.Version();

    public void Dispose() => _changes.Dispose();
}
