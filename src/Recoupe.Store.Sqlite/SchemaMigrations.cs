using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Recoupe.Store.Sqlite;

/// <summary>One numbered schema step: the SQL of Migrations/NNNN_name.sql.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// The versioned schema. Each migration runs in its own transaction together with the <c>PRAGMA user_version</c>
/// that records it, so a database is always at a whole version. To change the schema, add the next numbered
/// file under Migrations/ (it is embedded by the project file); never edit a migration that has shipped.
/// </summary>
public static partial class SchemaMigrations
{
    private const string ResourcePrefix = "Recoupe.Store.Sqlite.Migrations.";

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Embedded[^1].Version;

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var files = new List<(string FileName, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }
        return FromFiles(files);
    }

    /// <summary>Builds the ordered list from (file name, SQL) pairs; versions must run 1, 2, 3… without gaps or repeats.</summary>
    public static IReadOnlyList<Migration> FromFiles(IEnumerable<(string FileName, string Sql)> files)
    {
        var migrations = new List<Migration>();
        foreach (var (fileName, sql) in files)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
                throw new InvalidOperationException($"migration file '{fileName}' is not named NNNN_name.sql");
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"migrations must be numbered 1, 2, 3… without gaps or repeats; found {migrations[i].Version} at position {i + 1}");
        }
        if (migrations.Count == 0) throw new InvalidOperationException("no schema migrations found");
        return migrations;
    }

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
