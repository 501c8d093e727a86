using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Recoupe.Tests.Crash;

/// <summary>
/// Reads a store file left by a CLI process (running, killed or finished) through a connection of its own, without the
/// store's classes: what a killed command left is looked at as SQLite sees it.
/// </summary>
internal sealed class StoreProbe : IDisposable
{
    private readonly SqliteConnection _connection;

    static StoreProbe() => SQLitePCL.Batteries_V2.Init();

    public StoreProbe(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
    }

    /// <summary>Articles stored; 0 when the store has no schema yet.</summary>
    public long Articles => TableExists("articles") ? Scalar("SELECT count(*) FROM articles;") : 0;

    /// <summary>Stored articles above the grouper's committed position (<c>story_index.last_article</c>).</summary>
    public long Pending => TableExists("story_index")
        ? Scalar("SELECT count(*) FROM articles WHERE id > coalesce((SELECT last_article FROM story_index WHERE id = 1), 0);")
        : Articles;

    public long Stories => TableExists("stories") ? Scalar("SELECT count(*) FROM stories;") : 0;

    /// <summary>When the clusterer state was last saved, or null.</summary>
    public string? StateSavedAt => TableExists("story_index")
        ? Query("SELECT saved_at FROM story_index WHERE id = 1;", r => r.GetString(0)).FirstOrDefault()
        : null;

    /// <summary>What is wrong with the store, one line each; empty when every check passes.</summary>
    public IReadOnlyList<string> Violations()
    {
        var problems = new List<string>();
        var integrity = Query("PRAGMA integrity_check;", r => r.GetString(0));
        if (integrity is not ["ok"]) problems.Add("integrity_check: " + string.Join("; ", integrity.Take(5)));
        if (!TableExists("articles")) return problems;
        var alone = Scalar("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id);");
        if (alone > 0) problems.Add($"{alone} of {Articles} stored articles are in no story");
        var orphans = Scalar("SELECT count(*) FROM story_articles s WHERE NOT EXISTS (SELECT 1 FROM stories t WHERE t.id = s.story_id);");
        if (orphans > 0) problems.Add($"{orphans} memberships point to no story");
        var sizes = Scalar("SELECT count(*) FROM stories t WHERE t.size <> (SELECT count(*) FROM story_articles s WHERE s.story_id = t.id);");
        if (sizes > 0) problems.Add($"{sizes} stories whose size is not their number of articles");
        var twice = Scalar("SELECT count(*) - count(DISTINCT content_hash) FROM articles;");
        if (twice > 0) problems.Add($"{twice} articles stored twice (same content hash)");
        var foreign = Query("PRAGMA foreign_key_check;", r => r.GetString(0));
        if (foreign.Count > 0) problems.Add($"{foreign.Count} foreign key violations");
        return problems;
    }

    /// <summary>
    /// Everything an uninterrupted run promises to reproduce, as text lines: each article's id and content hash, each
    /// story with its articles in order (and its label unless <paramref name="labels"/> is false), copy groups, merges
    /// and splits (without their clock time), redirects.
    /// </summary>
    public IReadOnlyList<string> Snapshot(bool labels = true)
    {
        var lines = new List<string>();
        lines.AddRange(Query("SELECT id, content_hash FROM articles ORDER BY id;", r => $"article {r.GetInt64(0)} {r.GetString(1)}"));
        var label = labels ? "t.label" : "''";
        lines.AddRange(Query($"""
            SELECT t.id, {label}, t.headline, t.size, t.first_date, t.last_date, t.closed,
                   (SELECT group_concat(article_id, ',') FROM (SELECT article_id FROM story_articles s WHERE s.story_id = t.id ORDER BY position))
            FROM stories t ORDER BY t.id;
            """, r => string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)))
            .Insert(0, "story ")));
        lines.AddRange(Query("SELECT article_id, original_id FROM story_copies ORDER BY article_id;", r => $"copy {r.GetInt64(0)} of {r.GetInt64(1)}"));
        lines.AddRange(Query("SELECT seq, kind, from_ids, into_id, moved, triggered_by FROM story_events ORDER BY seq;",
            r => $"event {r.GetInt64(0)} {r.GetString(1)} {r.GetString(2)} -> {r.GetString(3)} moved {r.GetString(4)} by {(r.IsDBNull(5) ? "" : r.GetInt64(5))}"));
        lines.AddRange(Query("SELECT old_id, story_id FROM story_redirects ORDER BY old_id;", r => $"redirect {r.GetString(0)} -> {r.GetString(1)}"));
        return lines;
    }

    /// <summary>Where two snapshots first differ, or null when they are equal.</summary>
    public static string? FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : "(nothing)";
            var got = i < actual.Count ? actual[i] : "(nothing)";
            if (want != got) return $"line {i}: expected «{Short(want)}», found «{Short(got)}»";
        }
        return null;
    }

    private static string Short(string line) => line.Length <= 160 ? line : line[..160] + "…";

    private bool TableExists(string name)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    public void Dispose() => _connection.Dispose();
}
