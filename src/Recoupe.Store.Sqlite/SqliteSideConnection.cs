using Dapper;
using Microsoft.Data.Sqlite;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Opens the connection of a store that shares the article store's file (stories, watched sources): the same file
/// settings, the schema brought up to date, and an error that names the file when it cannot be opened.
/// </summary>
internal static class SqliteSideConnection
{
    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public static SqliteConnection Open(string path, bool createIfMissing)
    {
        SQLitePCL.Batteries_V2.Init();
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded);
            return connection;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            connection.Dispose();
            throw new InvalidOperationException($"cannot open store '{path}': {e.Message}", e);
        }
    }
}
