using System.Data.Common;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// Alert rules, events and webhooks beside the stories in PostgreSQL (migration 0008): <see cref="AlertTables"/>'s
/// statements, each call on a connection from the pool. Safe to share between threads.
/// </summary>
public sealed class PostgresAlertStore : AlertTables
{
    private readonly PooledConnections _connections;

    /// <param name="create">False for a command that only reads: a database without Recoupe's tables is an error.</param>
    public PostgresAlertStore(string location, bool create = true) : this(new PostgresDatabase(location, create), ownsDatabase: true) { }

    public PostgresAlertStore(PostgresDatabase database, bool ownsDatabase = false) =>
        _connections = new PooledConnections(database, ownsDatabase);

    protected override T Use<T>(Func<DbConnection, T> body) => _connections.Use(body);

    public override void Dispose() => _connections.Dispose();
}
