using Npgsql;
using NpgsqlTypes;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Store.Postgres;

/// <summary>
/// The articles in PostgreSQL, in every store role. Each call takes a pooled connection, so an instance may be shared
/// by threads and several processes may write at once: a text stored by another writer meanwhile is a duplicate
/// (the unique content hash decides, inside the transaction).
/// </summary>
public sealed partial class PostgresArticleStore : IArticleStore
{
    private const int PageSize = 256;

    internal const string ArticleColumns =
        "id, content_hash, title, published, published_from, outlet, agency, authors, language, language_confidence, " +
        "url, dateline, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at";

    private const string RowColumns =
        "content_hash, title, published, published_from, outlet, agency, authors, language, language_confidence, " +
        "url, dateline, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at";

    private static readonly string InsertAnySql =
        $"INSERT INTO articles (id, {RowColumns}, search, quotes_search) VALUES ($22, {Parameters(19)}, $20::tsvector, $21::tsvector)";

    private static readonly string InsertSql = InsertAnySql + " ON CONFLICT (content_hash) DO NOTHING RETURNING id;";

    // Re-processing keeps the id and when the article was first stored: ingested_at (the row's last value) is not updated.
    private static readonly string UpdateSql =
        $"UPDATE articles SET ({RowColumns.Replace(", ingested_at", "", StringComparison.Ordinal)}, search, quotes_search) " +
        $"= ({Parameters(18)}, $19::tsvector, $20::tsvector) WHERE id = $21;";

    private readonly PostgresDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _clock;
    private readonly int _pipelineVersion;
    private readonly int _storeKey;

    /// <summary>Opens (and brings up to date) the store at a postgres:// URL or connection string.</summary>
    public PostgresArticleStore(string location, bool create = true, TimeProvider? clock = null)
        : this(new PostgresDatabase(location, create), ownsDatabase: true, clock)
    {
    }

    public PostgresArticleStore(PostgresDatabase database, bool ownsDatabase = false, TimeProvider? clock = null)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _clock = clock ?? TimeProvider.System;
        _pipelineVersion = Recoupe.Core.Pipeline.DefaultPipeline.Version;
        _storeKey = ArticleIdRanges.StoreKey(database);
    }

    public PostgresDatabase Database => _database;

    /// <summary>
    /// The former way, for `bench store-writers` to compare: each write transaction holds the article writers' lock
    /// from giving its ids to its commit, so writers take turns for the whole of it.
    /// </summary>
    internal bool WritersTakeTurns { get; init; }

    public StoreResult Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return AddBatch([document])[0].ResultOrThrow();
    }

    /// <summary>
    /// Stores the documents in one transaction, each inside a savepoint: a document that fails is rolled back alone
    /// and reported in its slot; the others land together at the commit.
    /// </summary>
    public IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var attempts = new StoreAttempt?[documents.Count];
        var rows = new ArticleRow?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                ArgumentNullException.ThrowIfNull(documents[i]);
                DocumentCheck.Validate(documents[i]);
                rows[i] = ArticleRow.From(documents[i], ArticleRow.HashOf(documents[i].Text), _pipelineVersion, _clock.GetUtcNow().UtcDateTime);
                TextCheck.Refuse(rows[i]!);
            }
            catch (Exception e) { attempts[i] = new StoreAttempt(null, e); }
        }

        using var connection = _database.Open();
        // Known texts are answered before any write, so re-ingesting a batch costs no write transaction.
        var known = FindByHashes(connection, null, rows.OfType<ArticleRow>().Select(r => r.ContentHash).ToArray());
        for (var i = 0; i < documents.Count; i++)
            if (rows[i] is { } row && attempts[i] is null && known.TryGetValue(row.ContentHash, out var existing))
                attempts[i] = new StoreAttempt(new StoreResult(StoreStatus.Duplicate, existing), null);
        if (attempts.All(a => a is not null)) return attempts!;

        // Ids are given in a short transaction of their own and the write commits in id order (ArticleIdRanges), so
        // several writers insert at once: ids still follow commit order, without gaps where nothing failed, as
        // SQLite's do, so the same inputs get the same ids, and a reader that has seen id N has seen every article
        // below it (what story grouping, which reads "after the last id", relies on).
        var pendingCount = attempts.Count(a => a is null);
        var speakers = ExtractionRows.SpeakerCommands(Enumerable.Range(0, documents.Count).Where(i => attempts[i] is null).Select(i => documents[i]));
        var claimKeys = new long[documents.Count];
        for (var i = 0; i < documents.Count; i++)
            if (attempts[i] is null) claimKeys[i] = ArticleIdRanges.ClaimKey(_storeKey, rows[i]!.ContentHash);
        var texts = Enumerable.Range(0, documents.Count).Where(i => attempts[i] is null)
            .GroupBy(i => claimKeys[i]).Select(g => (g.Key, g.Count())).ToList();
        var (first, reserved, othersOpen, heldElsewhere) = WritersTakeTurns
            ? (null, pendingCount, false, new HashSet<long>())
            : ArticleIdRanges.Reserve(connection, _storeKey, pendingCount, speakers, texts);
        // A text another writer claimed waits for that writer, after this batch (see ArticleIdRanges.Reserve).
        var deferred = Enumerable.Range(0, documents.Count).Where(i => attempts[i] is null && heldElsewhere.Contains(claimKeys[i])).ToList();
        foreach (var i in deferred) attempts[i] = new StoreAttempt(null, null);
        try
        {
            if (reserved > 0) Write(connection, documents, rows, attempts, speakers, first, othersOpen);
        }
        finally
        {
            if (!WritersTakeTurns)
                ArticleIdRanges.Release(connection, _storeKey, first ?? 0, first is null ? 0 : reserved,
                    texts.Select(t => t.Key).Where(k => !heldElsewhere.Contains(k)).ToList());
        }
        return Deferred(connection, documents, attempts, deferred, heldElsewhere);
    }

    /// <summary>The write transaction of a batch whose ids start at <paramref name="first"/> (null: past the keyed ids, taking turns).</summary>
    private void Write(NpgsqlConnection connection, IReadOnlyList<Document> documents, ArticleRow?[] rows, StoreAttempt?[] attempts,
        IEnumerable<NpgsqlBatchCommand> speakers, long? first, bool othersOpen)
    {
        using var transaction = connection.BeginTransaction();
        // Past the lock key's range, writers take turns for the whole transaction, as they all did before.
        if (first is null)
        {
            if (WritersTakeTurns) ExecuteBatch(connection, speakers);
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock($1);", PostgresDatabase.ArticleWriterLock);
        }
        var nextId = first ?? NextId(connection, transaction);
        var stored = new List<int>();
        if (!InsertAll(connection, transaction, documents, rows, attempts, nextId, stored)) stored.Clear();
        for (var i = 0; i < documents.Count; i++)
        {
            if (attempts[i] is not null) continue;
            transaction.Save("article");
            try
            {
                var result = Insert(connection, transaction, documents[i], rows[i]!, nextId);
                transaction.Release("article");
                if (result.Status == StoreStatus.Stored) nextId++;
                attempts[i] = new StoreAttempt(result, null);
                if (result.Status == StoreStatus.Stored) stored.Add(i);
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException)
            {
                attempts[i] = new StoreAttempt(null, e);
                transaction.Rollback("article");
            }
        }
        try
        {
            if (first is { } firstId && othersOpen) ArticleIdRanges.WaitForLower(connection, transaction, _storeKey, firstId);
            transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            foreach (var i in stored) attempts[i] = new StoreAttempt(null, e);
        }
    }

    /// <summary>
    /// Stores the documents whose text another writer had claimed, once that writer is done (its locks freed): they are
    /// then duplicates of what it stored, or, when it failed, stored here like any batch.
    /// </summary>
    private IReadOnlyList<StoreAttempt> Deferred(NpgsqlConnection connection, IReadOnlyList<Document> documents, StoreAttempt?[] attempts,
        List<int> deferred, IReadOnlySet<long> heldElsewhere)
    {
        if (deferred.Count == 0) return attempts!;
        ArticleIdRanges.WaitForClaims(connection, heldElsewhere);
        var later = AddBatch(deferred.Select(i => documents[i]).ToList());
        for (var k = 0; k < deferred.Count; k++) attempts[deferred[k]] = later[k];
        return attempts!;
    }

    /// <summary>
    /// The usual case in one round trip: every remaining article and its quotation and figure rows sent as one batch,
    /// behind a savepoint. When any of them fails (a text another writer stored meanwhile, twice the same text in the
    /// batch, a row the server refuses), the savepoint is rolled back and false returned: the caller then stores them
    /// one by one, each in a savepoint of its own, to keep the good ones and say which failed. Round trips, not the
    /// server's work, are what a write costs on a busy machine (five an article were 19 ms an article under load 65).
    /// </summary>
    private static bool InsertAll(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Document> documents,
        ArticleRow?[] rows, StoreAttempt?[] attempts, long nextId, List<int> stored)
    {
        var pending = Enumerable.Range(0, documents.Count).Where(i => attempts[i] is null).ToList();
        if (pending.Count < 2) return false;
        using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT batch;"));
        var id = nextId;
        foreach (var i in pending)
        {
            var insert = new NpgsqlBatchCommand(InsertAnySql);
            AddRow(insert.Parameters, rows[i]!, documents[i]);
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            batch.BatchCommands.Add(insert);
            ExtractionRows.Add(batch, id, documents[i]);
            id++;
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT batch;"));
        try
        {
            batch.ExecuteNonQuery();
        }
        catch (PostgresException)
        {
            Execute(connection, transaction, "ROLLBACK TO SAVEPOINT batch;");
            return false;
        }
        id = nextId;
        foreach (var i in pending)
        {
            attempts[i] = new StoreAttempt(new StoreResult(StoreStatus.Stored, id++), null);
            stored.Add(i);
        }
        return true;
    }

    private static long NextId(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM articles;", connection, transaction);
        return (long)command.ExecuteScalar()!;
    }

    private static StoreResult Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, Document document, ArticleRow row, long id)
    {
        using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
        AddRow(insert.Parameters, row, document);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        if (insert.ExecuteScalar() is not long)
            return new StoreResult(StoreStatus.Duplicate, FindByHashes(connection, transaction, [row.ContentHash])[row.ContentHash]);
        ExtractionRows.Write(connection, transaction, id, document);
        return new StoreResult(StoreStatus.Stored, id);
    }

    private static void AddRow(NpgsqlParameterCollection parameters, ArticleRow row, Document document, bool withIngestedAt = true)
    {
        var values = row.Values();
        foreach (var value in withIngestedAt ? values : values[..^1]) parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter { Value = SearchVector.Of(row.Title, row.CleanText) });
        parameters.Add(new NpgsqlParameter { Value = SearchVector.Of(SearchText.QuotesColumn(document)) });
    }

    public StoreResult Replace(long id, Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        DocumentCheck.Validate(document);
        var row = ArticleRow.From(document, ArticleRow.HashOf(document.Text), _pipelineVersion, _clock.GetUtcNow().UtcDateTime);
        TextCheck.Refuse(row);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        if (FindByHashes(connection, transaction, [row.ContentHash]).TryGetValue(row.ContentHash, out var other) && other != id)
            return new StoreResult(StoreStatus.Duplicate, other);
        using (var update = new NpgsqlCommand(UpdateSql, connection, transaction))
        {
            AddRow(update.Parameters, row, document, withIngestedAt: false);
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            if (update.ExecuteNonQuery() == 0) throw new KeyNotFoundException($"no article with id {id} in {_database.Display}");
        }
        ExtractionRows.Remove(connection, transaction, id);
        ExtractionRows.Write(connection, transaction, id, document);
        Execute(connection, transaction, "DELETE FROM articles_to_reprocess WHERE article_id = $1;", id);
        transaction.Commit();
        return new StoreResult(StoreStatus.Stored, id);
    }

    private static Dictionary<string, long> FindByHashes(NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] hashes)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (hashes.Length == 0) return found;
        using var command = new NpgsqlCommand("SELECT content_hash, id FROM articles WHERE content_hash = ANY($1);", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        using var reader = command.ExecuteReader();
        while (reader.Read()) found[reader.GetString(0)] = reader.GetInt64(1);
        return found;
    }

    public StoredArticle? Get(long id) => ArticlesBetween(id, id, 1).FirstOrDefault();

    public IReadOnlyList<ArticleSummary> List(int? limit = null)
    {
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), "limit must not be negative");
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("SELECT id, published, outlet, language, title FROM articles ORDER BY id LIMIT $1;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit is null ? DBNull.Value : (long)limit.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        using var reader = command.ExecuteReader();
        var rows = new List<ArticleSummary>();
        while (reader.Read())
        {
            rows.Add(new ArticleSummary(reader.GetInt64(0),
                reader.IsDBNull(1) ? null : ColumnJson.ParseDate(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return rows;
    }

    /// <summary>Reads in pages by id, holding no connection between pages, so callers may write while iterating.</summary>
    public IEnumerable<StoredArticle> All() => After(0);

    public IEnumerable<StoredArticle> After(long id)
    {
        var after = id;
        while (true)
        {
            var page = ArticlesBetween(after + 1, long.MaxValue, PageSize);
            foreach (var article in page) yield return article;
            if (page.Count < PageSize) yield break;
            after = page[^1].Id;
        }
    }

    /// <summary>Up to <paramref name="limit"/> articles with ids in [first, last], in id order, with their quotation and figure rows.</summary>
    private List<StoredArticle> ArticlesBetween(long first, long last, int limit)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead); // one state of the store
        var articles = new List<StoredArticle>();
        using (var command = new NpgsqlCommand(
            $"SELECT {ArticleColumns} FROM articles WHERE id BETWEEN $1 AND $2 ORDER BY id LIMIT $3;", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = first });
            command.Parameters.Add(new NpgsqlParameter { Value = last });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            using var reader = command.ExecuteReader();
            while (reader.Read()) articles.Add(RowReaders.Article(reader));
        }
        if (articles.Count == 0) return articles;
        var (from, to) = (articles[0].Id, articles[^1].Id);
        var quotes = ExtractionRows.ByArticle(connection, transaction, "quotes", RowReaders.QuoteColumns, from, to, RowReaders.Quote, q => q.Quote);
        var figures = ExtractionRows.ByArticle(connection, transaction, "figures", RowReaders.FigureColumns, from, to, RowReaders.Figure, f => f.Figure);
        return articles.Select(a => a with
        {
            Quotes = quotes.TryGetValue(a.Id, out var q) ? q : a.Quotes,
            Figures = figures.TryGetValue(a.Id, out var f) ? f : a.Figures,
        }).ToList();
    }

    /// <summary>The clusterer's input for each article after <paramref name="id"/>: its paragraphs only, not the whole annotations.</summary>
    public IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id) => StoryInputsAfter(id, StoryPartition.All);

    /// <summary>The partition's articles only, chosen by the server (an assigner of one language reads no other).</summary>
    public IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id, StoryPartition partition)
    {
        var after = id;
        while (true)
        {
            var page = new List<(long, StoryInput)>(PageSize);
            using (var connection = _database.Open())
            using (var command = new NpgsqlCommand(
                $"""
                SELECT id, content_hash, title, published, outlet, agency, language, clean_text, (annotations::json -> 'paragraphs')::text
                FROM articles WHERE id > $1 AND (language = ANY($2)) <> $3 ORDER BY id LIMIT {PageSize};
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = after });
                command.Parameters.Add(new NpgsqlParameter { Value = partition.Languages.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = partition.AllBut });
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
                    var articleId = reader.GetInt64(0);
                    var metadata = new ArticleMetadata
                    {
                        Title = Text(2),
                        Published = Text(3) is { } published ? ColumnJson.ParseDate(published) : null,
                        Outlet = Text(4),
                        Agency = Text(5),
                        Language = reader.GetString(6),
                    };
                    var paragraphs = Text(8) is { } json ? ColumnJson.Deserialize<List<Paragraph>>(json) : [];
                    page.Add((articleId, StoryInput.Build(articleId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        reader.GetString(7), metadata, paragraphs, reader.GetString(1))));
                }
            }
            foreach (var row in page) yield return row;
            if (page.Count < PageSize) yield break;
            after = page[^1].Item1;
        }
    }

    public long Count() => Scalar("SELECT count(*) FROM articles;");

    public long CountFigures() => Scalar("SELECT count(*) FROM figures;");

    public long CountToReprocess() => Scalar("SELECT count(*) FROM articles_to_reprocess;");

    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    internal long Scalar(string sql, params object[] values)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        command.ExecuteNonQuery();
    }

    private static void ExecuteBatch(NpgsqlConnection connection, IEnumerable<NpgsqlBatchCommand> commands)
    {
        using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands) batch.BatchCommands.Add(command);
        if (batch.BatchCommands.Count > 0) batch.ExecuteNonQuery();
    }

    private static string Parameters(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"${i}"));
}
