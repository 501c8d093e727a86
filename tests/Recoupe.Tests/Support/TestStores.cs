using System.Reflection;
using Npgsql;
using Recoupe.Core.Storage;
using Recoupe.Store.Postgres;
using Recoupe.Store.Sqlite;
using Xunit.Sdk;

namespace Recoupe.Tests.Support;

/// <summary>The stores a behaviour test runs against: the embedded SQLite file, and PostgreSQL when a server is given.</summary>
public enum StoreKind { Sqlite, Postgres }

/// <summary>A theory row on the SQLite store; extra arguments follow the kind.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class SqliteStoreAttribute(params object[] more) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Sqlite, .. more]];
}

/// <summary>
/// A theory row on the PostgreSQL store, skipped with the reason when no server is given (RECOUPE_TEST_POSTGRES) or
/// reachable; under CI=true an unreachable server fails the tests instead, so CI always runs them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresStoreAttribute : DataAttribute
{
    private readonly object[] _more;

    public PostgresStoreAttribute(params object[] more)
    {
        _more = more;
        if (TestPostgres.SkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Postgres, .. _more]];
}

/// <summary>The PostgreSQL server of the tests: RECOUPE_TEST_POSTGRES, a connection string or a postgres:// URL.</summary>
public static class TestPostgres
{
    public const string Variable = "RECOUPE_TEST_POSTGRES";

    public static string? Location { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : null;

    private static readonly Lazy<string?> Reason = new(() =>
    {
        if (Location is null)
            return $"needs a PostgreSQL server: set {Variable} (e.g. postgres://recoupe:recoupe@localhost/recoupe); .ci/run does";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ToConnectionString(Location)) { Timeout = 5 };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") return null; // CI must run them: let them fail with the reason
            return $"no PostgreSQL server reachable at {Variable} ({e.Message})";
        }
    });

    public static string? SkipReason => Reason.Value;
}

/// <summary>
/// A fresh store of one kind for one test: a new SQLite file in a temporary folder, or a new schema in the test
/// server's database (dropped at the end). Open as many store objects on it as the test needs (a second one stands for
/// a second process).
/// </summary>
public sealed class TestStores : IDisposable
{
    private static int _schemas;
    private readonly TempFolder? _folder;
    private readonly string? _schema;
    private readonly List<IDisposable> _opened = [];

    public TestStores(StoreKind kind)
    {
        Kind = kind;
        if (kind == StoreKind.Sqlite)
        {
            _folder = TestArticles.TempFolder();
            Location = _folder.File("test.db");
            return;
        }
        if (TestPostgres.Location is null) throw new InvalidOperationException(TestPostgres.SkipReason);
        _schema = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid():N}"[..40];
        var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ToConnectionString(TestPostgres.Location)) { SearchPath = _schema };
        Location = builder.ConnectionString;
    }

    public StoreKind Kind { get; }

    /// <summary>What --db would be given: the SQLite file, or the connection string with the test's schema.</summary>
    public string Location { get; }

    /// <summary>
    /// What --db is given to a child process: the SQLite file, or the test server's postgres:// URL with the test's
    /// schema as its search path (a connection string is not a --db location).
    /// </summary>
    public string CliLocation => _schema is null
        ? Location
        : PostgresDatabase.IsLocation(TestPostgres.Location)
            ? TestPostgres.Location + (TestPostgres.Location!.Contains('?') ? "&" : "?") + "search_path=" + _schema
            : throw new InvalidOperationException($"{TestPostgres.Variable} must be a postgres:// URL for tests that start the CLI");

    public IArticleStore OpenArticles() => Opened<IArticleStore>(Kind == StoreKind.Sqlite
        ? new SqliteArticleStore(Location)
        : new PostgresArticleStore(Location));

    public IStoryStore OpenStories() => Opened<IStoryStore>(Kind == StoreKind.Sqlite
        ? new SqliteStoryStore(Location)
        : new PostgresStoryStore(Location));

    public ISourceStore OpenSources() => Opened<ISourceStore>(Kind == StoreKind.Sqlite
        ? new SqliteSourceStore(Location)
        : new PostgresSourceStore(Location));

    private T Opened<T>(T store) where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
        _folder?.Dispose();
        if (_schema is null) return;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresDatabase.ToConnectionString(TestPostgres.Location!));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;", connection);
        drop.ExecuteNonQuery();
    }
}
