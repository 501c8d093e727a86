using System.Data.Common;

namespace Recoupe.Store.Postgres;

/// <summary>
/// A side store's way to PostgreSQL: each call on a connection from the pool, so the store holding it is safe to share
/// between threads; the database is closed with the store only when the store opened it. What the alert and source
/// stores both run their statements through.
/// </summary>
internal sealed class PooledConnections(PostgresDatabase database, bool ownsDatabase) : IDisposable
{
    public T Use<T>(Func<DbConnection, T> body)
    {
        using var connection = database.Open();
        return body(connection);
    }

    public void Dispose()
    {
        if (ownsDatabase) database.Dispose();
    }
}
