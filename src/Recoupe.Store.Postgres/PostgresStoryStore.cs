using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Store.Postgres;

/// <summary>
/// The stories beside the articles in PostgreSQL (migration 0003), those of one partition (migration 0009; every
/// article by default). Every write is one transaction that first takes the story writers' advisory lock, so two
/// processes grouping the same partition take turns, and <see cref="TryWrite"/> reads the saved state under that
/// lock: a write whose expected last article is stale is refused. The partitions of one layout write at once (each
/// takes the writers' lock shared and its own lock); a partition's first write takes the writers' lock alone and
/// refuses a store grouped by another layout (a partition outside <c>layout</c>), so that no article is grouped twice.
/// The writing methods, <see cref="Count"/>, <see cref="Assignments"/> and <see cref="PendingArticles"/> are the
/// partition's; the other readers see every story.
/// </summary>
public sealed class PostgresStoryStore : IStoryStore, IStoryIdRegistry
{
    private const string StoryColumns = "id, label, headline, key_entities, key_words, size, outlets, first_date, last_date, closed";
    private static readonly string[] StoryTables = ["story_articles", "story_copies", "story_events", "stories", "story_index"];

    private readonly PostgresDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _clock;
    private readonly StoryPartition _partition;
    private readonly string[] _layout;
    private readonly long _partitionLock;

    public PostgresStoryStore(string location, bool create = true, TimeProvider? clock = null)
        : this(new PostgresDatabase(location, create), ownsDatabase: true, clock)
    {
    }

    /// <param name="partition">The articles this store's writer groups (default: every article).</param>
    /// <param name="layout">Every partition of the writer's layout (default: <paramref name="partition"/> alone).</param>
    public PostgresStoryStore(PostgresDatabase database, bool ownsDatabase = false, TimeProvider? clock = null,
        StoryPartition? partition = null, IReadOnlyList<StoryPartition>? layout = null)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _clock = clock ?? TimeProvider.System;
        _partition = partition ?? StoryPartition.All;
        _layout = (layout ?? [_partition]).Select(p => p.Name).Append(_partition.Name).Distinct().ToArray();
        _partitionLock = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"recoupe:story-partition:{_partition.Name}:{database.Display}")), 0);
    }

    public StoryPartition Partition => _partition;

    public StoryIndexState? LoadState()
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("SELECT model, articles, last_article, state, saved_at FROM story_index WHERE partition = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _partition.Name });
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoryIndexState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader.GetValue(3),
            ColumnJson.ParseDate(reader.GetString(4)));
    }

    public StoryIndexPosition? LoadPosition()
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("SELECT model, articles, last_article, octet_length(state) FROM story_index WHERE partition = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _partition.Name });
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoryIndexPosition(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)) : null;
    }

    public void Write(StoryChanges changes, StoryIndexState state) => WriteCore(changes, state, check: false, null);

    public bool TryWrite(StoryChanges changes, StoryIndexState state, long? expectedLastArticle) =>
        WriteCore(changes, state, check: true, expectedLastArticle);

    private bool WriteCore(StoryChanges changes, StoryIndexState state, bool check, long? expectedLastArticle)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(state);
        return InWriteTransaction((connection, transaction, now) =>
        {
            if (check)
            {
                using var current = new NpgsqlCommand("SELECT last_article FROM story_index WHERE partition = $1;", connection, transaction);
                current.Parameters.Add(new NpgsqlParameter { Value = _partition.Name });
                var saved = current.ExecuteScalar();
                long? savedLast = saved is null or DBNull ? null : Convert.ToInt64(saved, CultureInfo.InvariantCulture);
                if (savedLast != expectedLastArticle) return false;
            }
            WriteChanges(connection, transaction, changes, state, now, _partition);
            return true;
        });
    }

    public void Replace(StoryChanges changes, StoryIndexState state, IReadOnlyDictionary<string, string> redirects)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(redirects);
        InWriteTransaction((connection, transaction, now) =>
        {
            DeleteStories(connection, transaction);
            WriteChanges(connection, transaction, changes, state, now, _partition);
            WriteRedirects(connection, transaction, redirects);
            return true;
        });
    }

    public void Clear() => InWriteTransaction((connection, transaction, _) =>
    {
        DeleteStories(connection, transaction);
        return true;
    });

    /// <summary>The partition's stories, memberships, copies, events and state; every story's for every article.</summary>
    private void DeleteStories(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (_partition.IsAll)
        {
            foreach (var table in StoryTables) Execute(connection, transaction, $"DELETE FROM {table};");
            return;
        }
        Execute(connection, transaction, """
            DELETE FROM story_copies WHERE article_id IN
                (SELECT sa.article_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE s.partition = $1);
            """, _partition.Name);
        foreach (var table in new[] { "stories", "story_events", "story_index" })
            Execute(connection, transaction, $"DELETE FROM {table} WHERE partition = $1;", _partition.Name);
    }

    public void AddRedirects(IReadOnlyDictionary<string, string> redirects) => InWriteTransaction((connection, transaction, _) =>
    {
        WriteRedirects(connection, transaction, redirects);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction holding the story writers' lock; commits when it says true. Every
    /// article's writer holds the lock alone, as does a partition's first write, which checks the store's layout; the
    /// partition's later writes hold it shared, with the partition's own lock.
    /// </summary>
    private bool InWriteTransaction(Func<NpgsqlConnection, NpgsqlTransaction, string, bool> write)
    {
        var now = ColumnJson.FormatDate(_clock.GetUtcNow().UtcDateTime);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        if (_partition.IsAll || !HasState(connection, transaction))
        {
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock($1);", PostgresDatabase.StoryWriterLock);
            CheckLayout(connection, transaction);
        }
        else
        {
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2);",
                PostgresDatabase.StoryWriterLock, _partitionLock);
        }
        if (!write(connection, transaction, now))
        {
            transaction.Rollback();
            return false;
        }
        transaction.Commit();
        return true;
    }

    private bool HasState(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM story_index WHERE partition = $1);", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _partition.Name });
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>Throws when the store is grouped by partitions outside this writer's layout (what an assigner checks at start).</summary>
    public void CheckLayout()
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        CheckLayout(connection, transaction);
    }

    /// <summary>Refuses to write when the store is grouped by partitions outside this writer's layout.</summary>
    private void CheckLayout(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand(
            "SELECT string_agg(CASE WHEN partition = '' THEN 'every language' ELSE partition END, ', ' ORDER BY partition) FROM story_index WHERE NOT (partition = ANY($1));",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _layout, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        if (command.ExecuteScalar() is string others)
            throw new InvalidOperationException(
                $"the stories of this store are grouped by other partitions ({others}); group with the same `assign --languages`, or clear the stories first");
    }

    /// <summary>
    /// The partition's stored articles above its committed position; for every article, those of each partition the
    /// store is grouped by (every article when none grouped yet).
    /// </summary>
    public long PendingArticles() => _partition.IsAll
        ? Scalar("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM story_index)
                THEN (SELECT coalesce(sum((SELECT count(*) FROM articles a WHERE a.id > s.last_article AND (a.language = ANY(s.languages)) <> s.all_but)), 0)
                      FROM story_index s)
                ELSE (SELECT count(*) FROM articles) END;
            """)
        : Scalar("""
            SELECT count(*) FROM articles
            WHERE id > coalesce((SELECT last_article FROM story_index WHERE partition = $1), 0) AND (language = ANY($2)) <> $3;
            """, _partition.Name, _partition.Languages.ToArray(), _partition.AllBut);

    private static void WriteChanges(NpgsqlConnection connection, NpgsqlTransaction transaction, StoryChanges changes,
        StoryIndexState state, string now, StoryPartition partition)
    {
        // Stories merged away go first: their rows (and, by cascade, memberships) leave; their ids redirect.
        foreach (var old in changes.Redirects.Keys) Execute(connection, transaction, "DELETE FROM stories WHERE id = $1;", old);
        WriteRedirects(connection, transaction, changes.Redirects);

        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var story in changes.Stories)
        {
            batch.BatchCommands.Add(Command("DELETE FROM story_redirects WHERE old_id = $1;", story.Id));
            batch.BatchCommands.Add(Command("""
                INSERT INTO stories (id, label, headline, key_entities, key_words, size, outlets, first_date, last_date, closed, partition)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (id) DO UPDATE SET label = excluded.label, headline = excluded.headline,
                    key_entities = excluded.key_entities, key_words = excluded.key_words, size = excluded.size,
                    outlets = excluded.outlets, first_date = excluded.first_date, last_date = excluded.last_date,
                    closed = excluded.closed;
                """, story.Id, story.Label, story.Headline, ColumnJson.Serialize(story.KeyEntities), ColumnJson.Serialize(story.KeyWords),
                story.Size, ColumnJson.Serialize(story.Outlets), Day(story.FirstDate), Day(story.LastDate), story.Closed, partition.Name));
            batch.BatchCommands.Add(Command("DELETE FROM story_articles WHERE story_id = $1;", story.Id));
            batch.BatchCommands.Add(Command("""
                INSERT INTO story_articles (article_id, story_id, position)
                SELECT a, $2, (p - 1)::integer FROM unnest($1::bigint[]) WITH ORDINALITY AS m (a, p)
                ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, position = excluded.position;
                """, story.Articles.Select(ArticleId).ToArray(), story.Id));
        }
        foreach (var group in changes.CopyGroups)
        {
            var original = ArticleId(group.OriginalId);
            batch.BatchCommands.Add(Command("DELETE FROM story_copies WHERE article_id = $1;", original));
            batch.BatchCommands.Add(Command("""
                INSERT INTO story_copies (article_id, original_id) SELECT c, $2 FROM unnest($1::bigint[]) AS c
                ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id;
                """, group.Copies.Select(ArticleId).ToArray(), original));
        }
        foreach (var e in changes.Events)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO story_events (seq, kind, from_ids, into_id, moved, triggered_by, at, partition) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (partition, seq) DO UPDATE SET kind = excluded.kind, from_ids = excluded.from_ids, into_id = excluded.into_id,
                    moved = excluded.moved, triggered_by = excluded.triggered_by, at = excluded.at;
                """, e.Sequence, e.Kind == StoryEventKind.Merge ? "merge" : "split", ColumnJson.Serialize(e.From), e.Into,
                ColumnJson.Serialize(e.Moved.Select(ArticleId).ToList()),
                long.TryParse(e.TriggeredBy, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null, now, partition.Name));
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO story_index (id, model, articles, last_article, state, saved_at, partition, languages, all_but)
            VALUES (CASE WHEN $6 = '' THEN 1 END, $1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (partition) DO UPDATE SET model = excluded.model, articles = excluded.articles,
                last_article = excluded.last_article, state = excluded.state, saved_at = excluded.saved_at;
            """, state.Model, state.Articles, state.LastArticle, state.State, now, partition.Name, partition.Languages.ToArray(), partition.AllBut));
        batch.ExecuteNonQuery();
    }

    /// <summary>Former id → live story; whatever pointed at a former id now points at its live story.</summary>
    private static void WriteRedirects(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<KeyValuePair<string, string>> redirects)
    {
        foreach (var (old, live) in redirects.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Execute(connection, transaction, """
                INSERT INTO story_redirects (old_id, story_id) VALUES ($1, $2)
                ON CONFLICT (old_id) DO UPDATE SET story_id = excluded.story_id;
                """, old, live);
            Execute(connection, transaction, "UPDATE story_redirects SET story_id = $2 WHERE story_id = $1;", old, live);
        }
    }

    public IReadOnlyList<StoredStory> List(int? limit = null)
    {
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), "limit must not be negative");
        // SQLite sorts NULL first ascending, so last in DESC: the same order here.
        return ReadStories($"SELECT {StoryColumns} FROM stories ORDER BY last_date DESC NULLS LAST, id COLLATE \"C\" LIMIT $1;",
            limit is null ? DBNull.Value : (long)limit.Value);
    }

    public long Count() => _partition.IsAll ? Scalar("SELECT count(*) FROM stories;")
        : Scalar("SELECT count(*) FROM stories WHERE partition = $1;", _partition.Name);

    public StoredStory? Get(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var resolved = Resolve(id.Trim());
        return resolved is null ? null : ReadStories($"SELECT {StoryColumns} FROM stories WHERE id = $1;", resolved).FirstOrDefault();
    }

    public IReadOnlyList<StoryMember> Members(string storyId)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("""
            SELECT sa.article_id, sa.position, a.published, a.outlet, a.title, sc.original_id
            FROM story_articles sa
            JOIN articles a ON a.id = sa.article_id
            LEFT JOIN story_copies sc ON sc.article_id = sa.article_id
            WHERE sa.story_id = $1
            ORDER BY sa.position;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        using var reader = command.ExecuteReader();
        return StoryRowReaders.All(reader, StoryRowReaders.Member);
    }

    public IReadOnlyList<StoredStoryEvent> Events(string storyId)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("""
            SELECT seq, kind, from_ids, into_id, moved, triggered_by, at FROM story_events
            WHERE into_id = $1 OR from_ids::jsonb ? $1
            ORDER BY seq;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        using var reader = command.ExecuteReader();
        return StoryRowReaders.All(reader, StoryRowReaders.Event);
    }

    public bool IsIssued(string storyId) => Scalar(
        "SELECT (EXISTS (SELECT 1 FROM stories WHERE id = $1) OR EXISTS (SELECT 1 FROM story_redirects WHERE old_id = $1))::int;", storyId) != 0;

    public IReadOnlyDictionary<long, string> Assignments()
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(_partition.IsAll ? "SELECT article_id, story_id FROM story_articles;"
            : "SELECT sa.article_id, sa.story_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE s.partition = $1;", connection);
        if (!_partition.IsAll) command.Parameters.Add(new NpgsqlParameter { Value = _partition.Name });
        using var reader = command.ExecuteReader();
        var map = new Dictionary<long, string>();
        while (reader.Read()) map[reader.GetInt64(0)] = reader.GetString(1);
        return map;
    }

    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    /// <summary>An id as given: a live story, a former id, or a unique prefix (4 characters or more) of a live story's id.</summary>
    private string? Resolve(string id)
    {
        using var connection = _database.Open();
        using (var exact = new NpgsqlCommand(
            "SELECT id FROM stories WHERE id = $1 UNION ALL SELECT story_id FROM story_redirects WHERE old_id = $1 LIMIT 1;", connection))
        {
            exact.Parameters.Add(new NpgsqlParameter { Value = id });
            if (exact.ExecuteScalar() is string found) return found;
        }
        if (id.Length < 4) return null;
        using var prefix = new NpgsqlCommand(
            "SELECT id FROM stories WHERE id COLLATE \"C\" >= $1 AND id COLLATE \"C\" < $2 ORDER BY id COLLATE \"C\" LIMIT 2;", connection);
        prefix.Parameters.Add(new NpgsqlParameter { Value = id });
        prefix.Parameters.Add(new NpgsqlParameter { Value = id + "\uffff" });
        using var reader = prefix.ExecuteReader();
        var matches = new List<string>();
        while (reader.Read()) matches.Add(reader.GetString(0));
        return matches.Count == 1 ? matches[0] : null;
    }

    private List<StoredStory> ReadStories(string sql, object value)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint } : new NpgsqlParameter { Value = value });
        using var reader = command.ExecuteReader();
        return StoryRowReaders.All(reader, StoryRowReaders.Story);
    }

    private static string Day(DateOnly date) => StoryRowReaders.DayText(date);

    private static long ArticleId(string id) => StoryRowReaders.StoreArticleId(id);

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] values)
        => PostgresArticleStore.Execute(connection, transaction, sql, values);

    private long Scalar(string sql, params object[] values)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
