using System.Data.Common;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Alert rules, events and webhooks in the same SQLite file as the articles (tables of migration 0010), on a connection
/// of its own like <see cref="SqliteSourceStore"/>, used under one lock so an instance may be shared by several threads.
/// The statements are <see cref="AlertTables"/>'s, the same as PostgreSQL's.
/// </summary>
public sealed class SqliteAlertStore : AlertTables
{
    private readonly LockedSideConnection _connection;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteAlertStore(string path = SqliteArticleStore.DefaultPath, bool createIfMissing = true) =>
        _connection = new LockedSideConnection(path, createIfMissing);

    protected override T Use<T>(Func<DbConnection, T> body) => _connection.Use(body);

    public override void Dispose() => _connection.Dispose();
}
