using Microsoft.Data.Sqlite;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>
/// The SQLite engine the store is built on (bundled by SQLitePCLRaw.bundle_e_sqlite3): a current release, with the
/// FTS5 module that search needs compiled in, and a fresh store migrated to the latest schema with its search index.
/// </summary>
public sealed class SqliteEngineTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();

    public void Dispose() => _folder.Dispose();

    private static SqliteConnection OpenMemory()
    {
        using (new SqliteArticleStore(":memory:")) { } // the store's static constructor picks the bundled provider
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    [Fact]
    public void The_bundled_sqlite_is_a_current_release_with_fts5_compiled_in()
    {
        using var connection = OpenMemory();

        var version = Version.Parse(Column(connection, "SELECT sqlite_version();").Single());
        var options = Column(connection, "PRAGMA compile_options;");

        version.Should().BeGreaterThanOrEqualTo(new Version(3, 50), "the store moved off SQLite 3.35 (2021) with SQLitePCLRaw 3.x");
        options.Should().Contain("ENABLE_FTS5");
    }

    [Fact]
    public void An_fts5_table_matches_folded_words_on_the_bundled_sqlite()
    {
        using var connection = OpenMemory();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            CREATE VIRTUAL TABLE probe USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO probe (body) VALUES ('Les élus votent le budget'), ('La tempête arrive');
            SELECT count(*) FROM probe WHERE probe MATCH 'eLUs';
            """;

        Convert.ToInt64(command.ExecuteScalar()).Should().Be(1);
    }

    [Fact]
    public void A_new_store_reaches_the_latest_schema_with_its_search_index()
    {
        var path = _folder.File("engine.db");
        using (var store = new SqliteArticleStore(path))
        {
            store.SchemaVersion.Should().Be(SchemaMigrations.LatestVersion);
            store.MigrationsApplied.Should().HaveCount(SchemaMigrations.Embedded.Count);
        }
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Column(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%';")
            .Should().NotBeEmpty("search is an FTS5 table");
        Column(connection, "PRAGMA integrity_check;").Should().Equal("ok");
    }
}
