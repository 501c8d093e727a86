using Microsoft.Data.Sqlite;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Crash;

/// <summary>
/// <c>watch</c> as a real child process, killed with SIGKILL in the middle of a poll (once a seeded number of articles
/// is stored) and started again (<c>watch --once</c>) against outlets served over loopback HTTP: no committed article
/// is lost, none is stored twice, every reachable page ends up stored, and no page stored before the kill is fetched again. A page
/// robots.txt shuts is stored from its feed item's own text, as the watcher does.
/// One kill here, ten when CI=true (as the other kill and fuzz tests scale with CI).
/// </summary>
public sealed class WatchKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Outlets = 8;
    private const int ArticlesEach = 7;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase));

    private readonly TempFolder _folder = TestArticles.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Watch_killed_mid_poll_and_started_again_loses_nothing_stores_nothing_twice_and_fetches_no_stored_page_again()
    {
        var random = new Random(1807);
        var kills = InCi ? 10 : 1;
        for (var kill = 0; kill < kills; kill++)
        {
            using var web = new LoopbackOutlets(Outlets, ArticlesEach);
            var expected = web.AllPages().ToHashSet(StringComparer.Ordinal);
            var db = _folder.File($"watch-kill-{kill}.db");
            using (new SqliteArticleStore(db)) { }
            using (var sources = new SqliteSourceStore(db))
                foreach (var outlet in web.Outlets) sources.Add(web.FeedUrl(outlet), outlet.Name, TimeSpan.FromMinutes(10), DateTime.UtcNow, out _);

            var target = random.Next(3, expected.Count - 8);
            Dictionary<long, string> before;
            using (var cli = CliProcess.Start("watch", "--db", db))
            {
                while (Stored(db).Count < target && !cli.HasExited && cli.Clock.Elapsed < Patience) Thread.Sleep(20);
                cli.KillNine().Should().BeTrue($"kill {kill}: the watcher was still polling at {target} articles: {cli.Output}");
            }
            var killedAt = DateTime.UtcNow;
            before = Stored(db);
            var recordedStored = RecordedStored(db);
            var restart = System.Diagnostics.Stopwatch.StartNew();
            CliProcess.Run(Patience, "watch", "--once", "--db", db);
            output.WriteLine($"kill {kill}: at {before.Count} of {expected.Count} articles stored ({recordedStored.Count} recorded); " +
                             $"the restarted watch --once took {restart.Elapsed.TotalSeconds:0.0} s");

            var after = Stored(db);
            foreach (var (id, url) in before)
                after.Should().Contain(id, url, $"kill {kill}: an article committed before the kill stays");
            after.Values.Should().OnlyHaveUniqueItems($"kill {kill}: no page stored twice");
            after.Values.Should().BeEquivalentTo(expected, $"kill {kill}: every reachable page is stored once");
            var again = web.Requests.Where(r => r.At > killedAt).Select(r => r.Url).ToHashSet(StringComparer.Ordinal);
            again.Intersect(recordedStored).Should().BeEmpty($"kill {kill}: no page recorded as stored is fetched after the restart");
            web.Requests.GroupBy(r => r.Url).Where(g => expected.Contains(g.Key)).Should()
                .OnlyContain(g => g.Count() <= 2, $"kill {kill}: a page is fetched again only when its batch was cut by the kill");
            Integrity(db).Should().Be("ok");
            StoryMembers(db).Should().Be(after.Count, $"kill {kill}: every article is in a story");
        }
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 5000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    private static List<T> Query<T>(string db, string sql, Func<SqliteDataReader, T> row)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    /// <summary>Stored articles (committed): id and URL.</summary>
    private static Dictionary<long, string> Stored(string db)
    {
        try
        {
            return Query(db, "SELECT id, url FROM articles;", r => (r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1))).ToDictionary(x => x.Item1, x => x.Item2);
        }
        catch (SqliteException)
        {
            return []; // not created yet, or busy
        }
    }

    private static HashSet<string> RecordedStored(string db) =>
        Query(db, "SELECT url FROM source_items WHERE outcome = 'stored';", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);

    private static string Integrity(string db) => Query(db, "PRAGMA integrity_check;", r => r.GetString(0)).Single();

    private static int StoryMembers(string db) => Query(db, "SELECT count(*) FROM story_articles;", r => r.GetInt32(0)).Single();
}
