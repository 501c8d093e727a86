using System.Globalization;
using Npgsql;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// A Recoupe store in a PostgreSQL database (or in one schema of it): the connection pool, and the schema brought up
/// to date on open by numbered migrations (Migrations/NNNN_name.sql), each in its own transaction with its row in
/// schema_migrations, under an advisory lock so that several processes starting at once migrate once.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private const string ResourcePrefix = "Recoupe.Store.Postgres.Migrations.";
    // Advisory lock keys (any 64-bit numbers of ours): migrating, writing stories, writing articles.
    internal const long MigrationLock = 0x5265636F75706501;
    internal const long StoryWriterLock = 0x5265636F75706502;
    internal const long ArticleWriterLock = 0x5265636F75706503;

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = MigrationFiles.Embedded(typeof(PostgresDatabase).Assembly, ResourcePrefix);

    private readonly NpgsqlDataSource _source;

    /// <summary>Opens the store at <paramref name="location"/> (a postgres:// URL or an Npgsql connection string).</summary>
    /// <param name="create">False for a command that only reads: a database without Recoupe's tables is an error.</param>
    public PostgresDatabase(string location, bool create = true)
    {
        ConnectionString = ToConnectionString(location);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        Display = Describe(location);
        // The same few statements run for every article (its row, each quotation, figure and speaker pair): Npgsql
        // prepares those it has seen twice on each pooled connection, so the server parses and plans them once per
        // connection instead of once per row (unless the connection string sets its own Max Auto Prepare). In `bench
        // queue` (medians of 4 alternated rounds on a loaded machine), 2 workers went from 0.63× to 0.98× embedded in
        // the run just after, 0.62× in the next one: the load decides more than this; the server's CPU per article
        // went from 2.0–2.4 to 1.5–2.3 ms.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            using var connection = _source.OpenConnection();
            // A schema named in the search path is created with the store (one database may hold several stores).
            if (create && builder.SearchPath?.Split(',')[0].Trim() is { Length: > 0 } schema)
            {
                using var createSchema = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", connection);
                createSchema.ExecuteNonQuery();
            }
            if (!create && !HasStore(connection))
                throw new InvalidOperationException("no Recoupe store in this database; run `recoupe ingest` first");
            MigrationsApplied = Apply(connection, Embedded);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            _source.Dispose();
            throw new InvalidOperationException($"cannot open store '{Display}': {e.Message}", e);
        }
    }

    public string ConnectionString { get; }
    /// <summary>Where the store is, without the password.</summary>
    public string Display { get; }
    public IReadOnlyList<Migration> MigrationsApplied { get; }

    /// <summary>True when <paramref name="location"/> names a PostgreSQL store rather than a SQLite file.</summary>
    public static bool IsLocation(string? location) =>
        location is not null && (location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>postgres://host:port/database[?search_path=…] of a location, without user or password.</summary>
    public static string Describe(string location)
    {
        var builder = new NpgsqlConnectionStringBuilder(ToConnectionString(location));
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}" +
            (string.IsNullOrEmpty(builder.SearchPath) ? "" : $"?search_path={builder.SearchPath}");
    }

    internal NpgsqlConnection Open() => _source.OpenConnection();

    /// <summary>
    /// postgres://user:password@host:port/database?search_path=schema (libpq's URL form, which Npgsql does not read)
    /// as an Npgsql connection string; anything else is taken as a connection string already.
    /// </summary>
    public static string ToConnectionString(string location)
    {
        if (!IsLocation(location)) return location;
        var uri = new Uri(location);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "recoupe",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]).Replace('_', ' ');
            builder[key] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }

    private static bool HasStore(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL;", connection);
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>Runs every migration newer than the schema's version, each in one transaction with its version row.</summary>
    public static IReadOnlyList<Migration> Apply(NpgsqlConnection connection, IReadOnlyList<Migration> migrations)
    {
        using (var setup = new NpgsqlCommand(
            """
            SELECT pg_advisory_lock(@lock);
            CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL);
            """, connection))
        {
            setup.Parameters.AddWithValue("lock", MigrationLock);
            setup.ExecuteNonQuery();
        }
        try
        {
            int current;
            using (var version = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations;", connection))
                current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
            var latest = migrations[^1].Version;
            if (current > latest)
                throw new InvalidOperationException(
                    $"database schema version {current} is newer than this build of Recoupe understands ({latest}); use a newer Recoupe");
            var applied = new List<Migration>();
            foreach (var migration in migrations.Where(m => m.Version > current))
            {
                using var transaction = connection.BeginTransaction();
                try
                {
                    using (var step = new NpgsqlCommand(migration.Sql, connection, transaction)) step.ExecuteNonQuery();
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"schema migration {migration.Version:D4}_{migration.Name} failed: {e.MessageText}", e);
                }
                using (var stamp = new NpgsqlCommand("INSERT INTO schema_migrations VALUES (@v, @n, @at);", connection, transaction))
                {
                    stamp.Parameters.AddWithValue("v", migration.Version);
                    stamp.Parameters.AddWithValue("n", migration.Name);
                    stamp.Parameters.AddWithValue("at", ColumnJson.FormatDate(DateTime.UtcNow));
                    stamp.ExecuteNonQuery();
                }
                transaction.Commit();
                applied.Add(migration);
            }
            return applied;
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@lock);", connection);
            unlock.Parameters.AddWithValue("lock", MigrationLock);
            unlock.ExecuteNonQuery();
        }
    }

    public void Dispose() => _source.Dispose();
}
