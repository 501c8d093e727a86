using System.Data.Common;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Watched sources in the same SQLite file as the articles (tables of migrations 0009 and 0011), on a connection of its
/// own like <see cref="SqliteStoryStore"/>, used under one lock so an instance may be shared by the watcher's threads.
/// The statements are <see cref="SourceTables"/>'s, the same as PostgreSQL's.
/// </summary>
public sealed class SqliteSourceStore : SourceTables
{
    private readonly LockedSideConnection _connection;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteSourceStore(string path = SqliteArticleStore.DefaultPath, bool createIfMissing = true) =>
        _connection = new LockedSideConnection(path, createIfMissing);

    protected override T Use<T>(Func<DbConnection, T> body) => _connection.Use(body);

    public override void Dispose() => _connection.Dispose();
}
