using System.Reflection;
using Npgsql;
using Recoupe.Store.Postgres;
using Xunit.Sdk;

namespace Recoupe.Web.Tests.Support;

/// <summary>The stores a server test runs against: a SQLite file of the app's own, or a schema of the test PostgreSQL server.</summary>
public enum WebStoreKind { Sqlite, Postgres }

/// <summary>
/// A theory row on one store; the PostgreSQL row is skipped with the reason when RECOUPE_TEST_POSTGRES is not set (as in
/// Recoupe.Tests' TestStores; under CI=true it is never skipped, so CI runs it).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class WebStoreAttribute : DataAttribute
{
    private readonly WebStoreKind _kind;

    public WebStoreAttribute(WebStoreKind kind)
    {
        _kind = kind;
        if (kind == WebStoreKind.Postgres && TestDatabases.SkipReason is { } reason && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[_kind]];
}

/// <summary>A fresh PostgreSQL schema for one server test (a postgres:// URL with its search path), dropped on dispose.</summary>
public sealed class TestDatabases : IDisposable
{
    public const string Variable = "RECOUPE_TEST_POSTGRES";
    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : null;
    private readonly string _schema = $"w{Environment.ProcessId}_{Guid.NewGuid():N}"[..30];

    public static string? SkipReason => Server is null || !PostgresDatabase.IsLocation(Server)
        ? $"needs a PostgreSQL server: set {Variable} to a postgres:// URL (.ci/run does)"
        : null;

    /// <summary>What --db or Recoupe:Db is given.</summary>
    public string Location => Server + (Server!.Contains('?') ? "&" : "?") + "search_path=" + _schema;

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresDatabase.ToConnectionString(Server!));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;", connection);
        drop.ExecuteNonQuery();
    }
}
