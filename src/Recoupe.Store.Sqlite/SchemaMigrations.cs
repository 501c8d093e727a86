using System.Globalization;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// The versioned schema. Each migration runs in its own transaction together with the <c>PRAGMA user_version</c>
/// that records it, so a database is always at a whole version. To change the schema, add the next numbered
/// file under Migrations/ (it is embedded by the project file); never edit a migration that has shipped.
/// </summary>
public static class SchemaMigrations
{
    private const string ResourcePrefix = "Recoupe.Store.Sqlite.Migrations.";

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = MigrationFiles.Embedded(typeof(SchemaMigrations).Assembly, ResourcePrefix);

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Embedded[^1].Version;

    /// <summary>Builds the ordered list from (file name, SQL) pairs; versions must run 1, 2, 3… without gaps or repeats.</summary>
    public static IReadOnlyList<Migration> FromFiles(IEnumerable<(string FileName, string Sql)> files) => MigrationFiles.FromFiles(files);

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs, in order, every migration newer than the database's version, each in one transaction with its
    /// version stamp. Returns the migrations it ran (none when the database is current).
    /// </summary>
    public static IReadOnlyList<Migration> Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = ReadVersion(connection);
        if (current > latest)
            throw new InvalidOperationException(
                $"database schema version {current} is newer than this build of Recoupe understands ({latest}); use a newer Recoupe");

        var applied = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (migration.Version <= current) continue;
            // BEGIN IMMEDIATE takes the write lock; re-read the version under it in case another process migrated meanwhile.
            using var transaction = connection.BeginTransaction();
            current = ReadVersion(connection, transaction);
            if (migration.Version <= current) continue;
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql;
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (SqliteException e)
                {
                    throw new InvalidOperationException(
                        $"schema migration {migration.Version:D4}_{migration.Name} failed: {e.Message}", e);
                }
                command.CommandText = $"PRAGMA user_version = {migration.Version.ToString(CultureInfo.InvariantCulture)};";
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            current = migration.Version;
            applied.Add(migration);
        }
        return applied;
    }
}
