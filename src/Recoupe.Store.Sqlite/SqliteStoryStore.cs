using System.Globalization;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// The stories beside the articles in the same SQLite file (tables of migration 0003): one connection of its own, the
/// schema brought up to date on open like <see cref="SqliteArticleStore"/>. Used under a lock, so it may be shared.
/// </summary>
public sealed class SqliteStoryStore : IStoryStore, IStoryIdRegistry
{
    private const string StoryColumns = "id, label, headline, key_entities, key_words, size, outlets, first_date, last_date, closed";

    private readonly SqliteConnection _connection;
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private bool _disposed;

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteStoryStore(string path = SqliteArticleStore.DefaultPath, TimeProvider? clock = null, bool createIfMissing = true)
    {
        _clock = clock ?? TimeProvider.System;
        _connection = SqliteSideConnection.Open(path, createIfMissing);
    }

    public StoryIndexState? LoadState()
    {
        lock (_gate)
        {
            using var command = Command("SELECT model, articles, last_article, state, saved_at FROM story_index WHERE id = 1;");
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new StoryIndexState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader.GetValue(3),
                ColumnJson.ParseDate(reader.GetString(4)));
        }
    }

    public void Write(StoryChanges changes, StoryIndexState state) => WriteCore(changes, state, check: false, 0);

    /// <summary>
    /// The saved state is read again inside the write transaction, which holds the write lock from its start: two
    /// processes updating the same store cannot both write over the state they read.
    /// </summary>
    public bool TryWrite(StoryChanges changes, StoryIndexState state, long? expectedLastArticle) =>
        WriteCore(changes, state, check: true, expectedLastArticle);

    private bool WriteCore(StoryChanges changes, StoryIndexState state, bool check, long? expectedLastArticle)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(state);
        return InWriteTransaction((transaction, now) =>
        {
            if (check)
            {
                using var current = Command("SELECT last_article FROM story_index WHERE id = 1;", transaction);
                var saved = current.ExecuteScalar();
                long? savedLast = saved is null or DBNull ? null : Convert.ToInt64(saved, CultureInfo.InvariantCulture);
                if (savedLast != expectedLastArticle) return false;
            }
            WriteChanges(transaction, changes, state, now);
            return true;
        });
    }

    /// <summary>
    /// A recluster in one transaction: the old stories leave, the new ones, their state and the redirects of former ids
    /// come, all at once. Killed on the way, the store keeps the old stories and state, which the next command goes on
    /// from (readers never see an empty story list either).
    /// </summary>
    public void Replace(StoryChanges changes, StoryIndexState state, IReadOnlyDictionary<string, string> redirects)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(redirects);
        InWriteTransaction((transaction, now) =>
        {
            foreach (var table in StoryTables) Execute(transaction, $"DELETE FROM {table};");
            WriteChanges(transaction, changes, state, now);
            WriteRedirects(transaction, redirects);
            return true;
        });
    }

    /// <summary>Runs <paramref name="write"/> (given the time to stamp) in a transaction that holds the write lock from its start; commits when it says true.</summary>
    private bool InWriteTransaction(Func<SqliteTransaction, string, bool> write)
    {
        var now = ColumnJson.FormatDate(_clock.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction(deferred: false);
            if (!write(transaction, now))
            {
                transaction.Rollback();
                return false;
            }
            transaction.Commit();
            return true;
        }
    }

    public long PendingArticles()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command(
                "SELECT count(*) FROM articles WHERE id > coalesce((SELECT last_article FROM story_index WHERE id = 1), 0);");
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>What a clustering run changed and the state that produced it, in the caller's transaction.</summary>
    private void WriteChanges(SqliteTransaction transaction, StoryChanges changes, StoryIndexState state, string now)
    {
        // Stories merged away go first: their rows (and, by cascade, memberships) leave; their ids redirect.
        foreach (var old in changes.Redirects.Keys) Execute(transaction, "DELETE FROM stories WHERE id = $id;", ("$id", old));
        WriteRedirects(transaction, changes.Redirects);

        using var upsert = Command("""
            INSERT INTO stories (id, label, headline, key_entities, key_words, size, outlets, first_date, last_date, closed)
            VALUES ($id, $label, $headline, $entities, $words, $size, $outlets, $first, $last, $closed)
            ON CONFLICT (id) DO UPDATE SET label = excluded.label, headline = excluded.headline,
                key_entities = excluded.key_entities, key_words = excluded.key_words, size = excluded.size,
                outlets = excluded.outlets, first_date = excluded.first_date, last_date = excluded.last_date,
                closed = excluded.closed;
            """, transaction);
        using var member = Command(
            "INSERT OR REPLACE INTO story_articles (article_id, story_id, position) VALUES ($article, $story, $position);", transaction);
        foreach (var story in changes.Stories)
        {
            Execute(transaction, "DELETE FROM story_redirects WHERE old_id = $id;", ("$id", story.Id));
            Bind(upsert, ("$id", story.Id), ("$label", story.Label), ("$headline", story.Headline),
                ("$entities", ColumnJson.Serialize(story.KeyEntities)), ("$words", ColumnJson.Serialize(story.KeyWords)),
                ("$size", story.Size), ("$outlets", ColumnJson.Serialize(story.Outlets)),
                ("$first", Day(story.FirstDate)), ("$last", Day(story.LastDate)), ("$closed", story.Closed ? 1 : 0));
            upsert.ExecuteNonQuery();
            Execute(transaction, "DELETE FROM story_articles WHERE story_id = $id;", ("$id", story.Id));
            for (var i = 0; i < story.Articles.Count; i++)
            {
                Bind(member, ("$article", ArticleId(story.Articles[i])), ("$story", story.Id), ("$position", i));
                member.ExecuteNonQuery();
            }
        }

        foreach (var group in changes.CopyGroups)
        {
            var original = ArticleId(group.OriginalId);
            Execute(transaction, "DELETE FROM story_copies WHERE article_id = $id;", ("$id", original));
            foreach (var copy in group.Copies)
                Execute(transaction, "INSERT OR REPLACE INTO story_copies (article_id, original_id) VALUES ($copy, $original);",
                    ("$copy", ArticleId(copy)), ("$original", original));
        }

        foreach (var e in changes.Events)
        {
            Execute(transaction, """
                INSERT OR REPLACE INTO story_events (seq, kind, from_ids, into_id, moved, triggered_by, at)
                VALUES ($seq, $kind, $from, $into, $moved, $trigger, $at);
                """,
                ("$seq", e.Sequence), ("$kind", e.Kind == StoryEventKind.Merge ? "merge" : "split"),
                ("$from", ColumnJson.Serialize(e.From)), ("$into", e.Into),
                ("$moved", ColumnJson.Serialize(e.Moved.Select(ArticleId).ToList())),
                ("$trigger", long.TryParse(e.TriggeredBy, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null), ("$at", now));
        }

        Execute(transaction, """
            INSERT OR REPLACE INTO story_index (id, model, articles, last_article, state, saved_at)
            VALUES (1, $model, $articles, $last, $state, $saved);
            """,
            ("$model", state.Model), ("$articles", state.Articles), ("$last", state.LastArticle), ("$state", state.State), ("$saved", now));
    }

    /// <summary>What <see cref="Clear"/> empties (redirects stay: former ids keep resolving).</summary>
    private static readonly string[] StoryTables = ["story_articles", "story_copies", "story_events", "stories", "story_index"];

    public void Clear()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction();
            foreach (var table in StoryTables) Execute(transaction, $"DELETE FROM {table};");
            transaction.Commit();
        }
    }

    public IReadOnlyList<StoredStory> List(int? limit = null)
    {
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), "limit must not be negative");
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command($"SELECT {StoryColumns} FROM stories ORDER BY last_date DESC, id LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", limit ?? -1);
            return ReadStories(command);
        }
    }

    public long Count()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command("SELECT count(*) FROM stories;");
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public StoredStory? Get(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            ThrowIfDisposed();
            var resolved = ResolveLocked(id.Trim());
            if (resolved is null) return null;
            using var command = Command($"SELECT {StoryColumns} FROM stories WHERE id = $id;");
            command.Parameters.AddWithValue("$id", resolved);
            return ReadStories(command).FirstOrDefault();
        }
    }

    public IReadOnlyList<StoryMember> Members(string storyId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command("""
                SELECT sa.article_id, sa.position, a.published, a.outlet, a.title, sc.original_id
                FROM story_articles sa
                JOIN articles a ON a.id = sa.article_id
                LEFT JOIN story_copies sc ON sc.article_id = sa.article_id
                WHERE sa.story_id = $id
                ORDER BY sa.position;
                """);
            command.Parameters.AddWithValue("$id", storyId);
            using var reader = command.ExecuteReader();
            return StoryRowReaders.All(reader, StoryRowReaders.Member);
        }
    }

    public IReadOnlyList<StoredStoryEvent> Events(string storyId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command("""
                SELECT seq, kind, from_ids, into_id, moved, triggered_by, at FROM story_events
                WHERE into_id = $id OR EXISTS (SELECT 1 FROM json_each(story_events.from_ids) WHERE value = $id)
                ORDER BY seq;
                """);
            command.Parameters.AddWithValue("$id", storyId);
            using var reader = command.ExecuteReader();
            return StoryRowReaders.All(reader, StoryRowReaders.Event);
        }
    }

    /// <summary>A story id is issued when a story has it or a former id redirects from it (what a new story must not take).</summary>
    public bool IsIssued(string storyId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command("SELECT EXISTS (SELECT 1 FROM stories WHERE id = $id) OR EXISTS (SELECT 1 FROM story_redirects WHERE old_id = $id);");
            command.Parameters.AddWithValue("$id", storyId);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
        }
    }

    public IReadOnlyDictionary<long, string> Assignments()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command("SELECT article_id, story_id FROM story_articles;");
            using var reader = command.ExecuteReader();
            var map = new Dictionary<long, string>();
            while (reader.Read()) map[reader.GetInt64(0)] = reader.GetString(1);
            return map;
        }
    }

    public void AddRedirects(IReadOnlyDictionary<string, string> redirects)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction();
            WriteRedirects(transaction, redirects);
            transaction.Commit();
        }
    }

    /// <summary>Former id → live story; whatever pointed at a former id now points at its live story.</summary>
    private void WriteRedirects(SqliteTransaction transaction, IEnumerable<KeyValuePair<string, string>> redirects)
    {
        foreach (var (old, live) in redirects.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Execute(transaction, "INSERT OR REPLACE INTO story_redirects (old_id, story_id) VALUES ($old, $live);", ("$old", old), ("$live", live));
            Execute(transaction, "UPDATE story_redirects SET story_id = $live WHERE story_id = $old;", ("$old", old), ("$live", live));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <summary>An id as given: a live story, a former id, or a unique prefix (4 characters or more) of a live story's id.</summary>
    private string? ResolveLocked(string id)
    {
        using (var exact = Command("SELECT id FROM stories WHERE id = $id UNION ALL SELECT story_id FROM story_redirects WHERE old_id = $id LIMIT 1;"))
        {
            exact.Parameters.AddWithValue("$id", id);
            if (exact.ExecuteScalar() is string found) return found;
        }
        if (id.Length < 4) return null;
        using var prefix = Command("SELECT id FROM stories WHERE id >= $from AND id < $to ORDER BY id LIMIT 2;");
        prefix.Parameters.AddWithValue("$from", id);
        prefix.Parameters.AddWithValue("$to", id + "\uffff");
        using var reader = prefix.ExecuteReader();
        var matches = new List<string>();
        while (reader.Read()) matches.Add(reader.GetString(0));
        return matches.Count == 1 ? matches[0] : null;
    }

    private static List<StoredStory> ReadStories(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return StoryRowReaders.All(reader, StoryRowReaders.Story);
    }

    private static string Day(DateOnly date) => StoryRowReaders.DayText(date);

    private static long ArticleId(string id) => StoryRowReaders.StoreArticleId(id);

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] values)
    {
        using var command = Command(sql, transaction);
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
