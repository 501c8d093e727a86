using System.Globalization;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Store.Sqlite;

public sealed class SqliteStoreOptions
{
    /// <summary>Supplies <see cref="StoredArticle.IngestedAt"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Writers of rows beside the article row, run inside the article's transaction.</summary>
    public IReadOnlyList<IArticleRowsWriter> RowWriters { get; init; } = ArticleRowsWriters.Default;
    /// <summary>How long to wait for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>False for a command that only reads: a missing file is an error instead of a new empty database.</summary>
    public bool CreateIfMissing { get; init; } = true;
}

/// <summary>
/// The embedded store: one SQLite file (WAL journal, foreign keys on), schema brought up to date on open.
/// One connection, used under a lock, so an instance may be shared by threads; other processes may open the same
/// file (WAL lets readers work beside one writer, the busy timeout queues writers).
/// </summary>
public sealed partial class SqliteArticleStore : IArticleStore
{
    public const string DefaultPath = "recoupe.db";
    private const int PageSize = 256;

    private const string ArticleColumns =
        "id, content_hash, title, published, published_from, outlet, agency, authors, language, language_confidence, " +
        "url, dateline, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at";

    private readonly SqliteConnection _connection;
    private readonly SqliteStoreOptions _options;
    private readonly object _gate = new();
    // The statements every article runs go straight through SQLite's C API (FastStatement): through SqliteCommand the
    // look-up, savepoint, insert, row id and release cost five commands an article, and a SAVEPOINT or RELEASE is
    // prepared again each time (bench ingest on fr-news, storing thread, alternated with main under load 57: 576 -> 552 and 606 -> 559 µs/article, 36.4 -> 22.2 KB/article).
    private readonly FastStatement _findByHash;
    private readonly FastStatement _insert;
    private readonly FastStatement _savepoint;
    private readonly FastStatement _release;
    private readonly SqliteCommand _update;
    private bool _disposed;

    static SqliteArticleStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteArticleStore(string path = DefaultPath, SqliteStoreOptions? options = null)
    {
        Path = path;
        _options = options ?? new SqliteStoreOptions();
        if (path != ":memory:" && _options.CreateIfMissing)
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = _options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        }.ToString();
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            Execute($"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};");
            JournalMode = Convert.ToString(Scalar("PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture) ?? "";
            // In WAL mode, NORMAL never corrupts the file; a power cut may lose the last commits, which a re-ingest restores.
            Execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            MigrationsApplied = SchemaMigrations.Apply(_connection, SchemaMigrations.Embedded);
            SchemaVersion = SchemaMigrations.ReadVersion(_connection);
            FillSpeakerWords();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            _connection.Dispose();
            throw new InvalidOperationException($"cannot open store '{path}': {e.Message}", e);
        }

        _findByHash = new FastStatement(_connection, "SELECT id FROM articles WHERE content_hash = ?;");
        _insert = new FastStatement(_connection,
            """
            INSERT INTO articles (content_hash, title, published, published_from, outlet, agency, authors, language,
                language_confidence, url, dateline, source, format, raw, fields, clean_text, annotations,
                pipeline_version, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (content_hash) DO NOTHING;
            """);
        _savepoint = new FastStatement(_connection, "SAVEPOINT article;");
        _release = new FastStatement(_connection, "RELEASE article;");
        // Re-processing keeps the id and when the article was first stored; everything derived is replaced.
        _update = Prepare(
            """
            UPDATE articles SET content_hash = $content_hash, title = $title, published = $published,
                published_from = $published_from, outlet = $outlet, agency = $agency, authors = $authors,
                language = $language, language_confidence = $language_confidence, url = $url, dateline = $dateline,
                source = $source, format = $format, raw = $raw, fields = $fields, clean_text = $clean_text,
                annotations = $annotations, pipeline_version = $pipeline_version
            WHERE id = $id;
            """,
            "$content_hash", "$title", "$published", "$published_from", "$outlet", "$agency", "$authors", "$language",
            "$language_confidence", "$url", "$dateline", "$source", "$format", "$raw", "$fields", "$clean_text",
            "$annotations", "$pipeline_version", "$id");
    }

    public string Path { get; }
    /// <summary>The schema version of the open file (PRAGMA user_version).</summary>
    public int SchemaVersion { get; }
    /// <summary>The migrations this instance ran when it opened the file (none when the file was current).</summary>
    public IReadOnlyList<Migration> MigrationsApplied { get; }
    /// <summary>"wal" for a file; "memory" for ":memory:".</summary>
    public string JournalMode { get; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: the identity of a cleaned text.</summary>
    public static string ContentHash(string text) => ArticleRow.HashOf(text);

    public StoreResult Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return AddBatch([document])[0].ResultOrThrow();
    }

    /// <summary>
    /// Stores the documents in one transaction, each inside a savepoint: a document that fails is rolled back alone
    /// and reported in its slot, the others land together at the commit. One commit per batch instead of one per
    /// article is most of the cost saved (the WAL and the full-text index are written once per commit).
    /// </summary>
    public IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var attempts = new StoreAttempt?[documents.Count];
        var hashes = new string?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                ArgumentNullException.ThrowIfNull(documents[i]);
                DocumentCheck.Validate(documents[i]);
                hashes[i] = ContentHash(documents[i].Text);
            }
            catch (Exception e) { attempts[i] = new StoreAttempt(null, e); }
        }

        // Known texts are answered without the write lock, so re-ingesting a batch costs no write transaction.
        lock (_gate)
        {
            ThrowIfDisposed();
            for (var i = 0; i < documents.Count; i++)
            {
                if (hashes[i] is { } hash && FindByHash(hash) is long existing)
                    attempts[i] = new StoreAttempt(new StoreResult(StoreStatus.Duplicate, existing), null);
            }
        }

        // Serialise before taking the write lock: it is the slow part and needs no database.
        var values = new object?[documents.Count][];
        for (var i = 0; i < documents.Count; i++)
        {
            if (attempts[i] is not null) continue;
            try { values[i] = RowValues(documents[i], hashes[i]!); }
            catch (Exception e) { attempts[i] = new StoreAttempt(null, e); }
        }
        if (attempts.All(a => a is not null)) return attempts!;

        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction(); // BEGIN IMMEDIATE: the write lock, up front
            var stored = new List<int>();
            for (var i = 0; i < documents.Count; i++)
            {
                if (attempts[i] is not null) continue;
                _savepoint.Run();
                try
                {
                    var result = Insert(transaction, documents[i], hashes[i]!, values[i]);
                    _release.Run();
                    attempts[i] = new StoreAttempt(result, null);
                    if (result.Status == StoreStatus.Stored) stored.Add(i);
                }
                catch (Exception e)
                {
                    attempts[i] = new StoreAttempt(null, e);
                    if (!RollBackArticle(transaction))
                    {
                        // SQLite ended the whole transaction (e.g. disk full): nothing of the batch is stored.
                        for (var j = 0; j < documents.Count; j++)
                            if (stored.Contains(j) || attempts[j] is null) attempts[j] = new StoreAttempt(null, e);
                        return attempts!;
                    }
                }
            }
            try
            {
                transaction.Commit();
            }
            catch (Exception e)
            {
                // Nothing of this batch landed: every article it would have stored fails with the reason.
                foreach (var i in stored) attempts[i] = new StoreAttempt(null, e);
            }
        }
        return attempts!;
    }

    private static bool RollBackArticle(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback("article");
            transaction.Release("article");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Inserts one article and its rows inside <paramref name="transaction"/>; a text already stored (by another writer or earlier in the batch) is a duplicate.</summary>
    private StoreResult Insert(SqliteTransaction transaction, Document document, string hash, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) _insert.BindValue(i + 1, values[i]);
        if (_insert.RunChanges() == 0)
            return new StoreResult(StoreStatus.Duplicate, FindByHash(hash)!.Value);
        var articleId = _insert.LastInsertRowId;
        foreach (var writer in _options.RowWriters)
            writer.Write(_connection, transaction, articleId, document);
        return new StoreResult(StoreStatus.Stored, articleId);
    }

    public StoreResult Replace(long id, Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        DocumentCheck.Validate(document);
        var hash = ContentHash(document.Text);
        var values = RowValues(document, hash);

        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction();
            if (FindByHash(hash) is long other && other != id)
            {
                transaction.Rollback();
                return new StoreResult(StoreStatus.Duplicate, other);
            }
            _update.Transaction = transaction;
            // Same order as RowValues, whose last value (ingested_at) is not updated: its slot carries the id.
            for (var i = 0; i < values.Length - 1; i++) _update.Parameters[i].Value = values[i] ?? DBNull.Value;
            _update.Parameters[^1].Value = id;
            if (_update.ExecuteNonQuery() == 0)
            {
                transaction.Rollback();
                throw new KeyNotFoundException($"no article with id {id} in {Path}");
            }
            foreach (var writer in _options.RowWriters)
            {
                writer.Remove(_connection, transaction, id);
                writer.Write(_connection, transaction, id, document);
            }
            using (var done = _connection.CreateCommand())
            {
                done.Transaction = transaction;
                done.CommandText = "DELETE FROM articles_to_reprocess WHERE article_id = $id;";
                done.Parameters.AddWithValue("$id", id);
                done.ExecuteNonQuery();
            }
            transaction.Commit();
            return new StoreResult(StoreStatus.Stored, id);
        }
    }

    public IReadOnlyList<StoredQuote> Quotes(QuoteQuery query) => QuoteListing.Take(query, ReadQuotes);

    public long CountQuotes(QuoteQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Speaker is null)
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                return Convert.ToInt64(Scalar("SELECT count(*) FROM quotes;"), CultureInfo.InvariantCulture);
            }
        }
        return QuoteListing.Count(query, ReadQuotes);
    }

    public IReadOnlyList<StoredFigure> Figures(FigureQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 0) throw new ArgumentOutOfRangeException(nameof(query), "limit must not be negative");
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"""
                SELECT a.id, a.published, a.outlet, a.title, {Prefixed("f", ExtractionRowsWriter.FigureColumns)}
                FROM figures f JOIN articles a ON a.id = f.article_id
                ORDER BY f.article_id, f.start, f."end", f.rowid LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$limit", query.Limit ?? -1);
            using var reader = command.ExecuteReader();
            var rows = new List<StoredFigure>();
            while (reader.Read()) rows.Add(RowReaders.Figure(reader));
            return rows;
        }
    }

    public long CountFigures()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return Convert.ToInt64(Scalar("SELECT count(*) FROM figures;"), CultureInfo.InvariantCulture);
        }
    }

    public long CountToReprocess()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return Convert.ToInt64(Scalar("SELECT count(*) FROM articles_to_reprocess;"), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Reads quotations in article then text order, passing each to <paramref name="take"/> until it returns false.
    /// A speaker filter finds its candidate speakers through the speaker words index and decides on them in code, then
    /// the quotations of the speakers that match are read by key through the speaker index.
    /// </summary>
    private void ReadQuotes(QuoteQuery query, Func<StoredQuote, bool> take)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            var select =
                $"""
                SELECT a.id, a.published, a.outlet, a.title, {Prefixed("q", ExtractionRowsWriter.QuoteColumns)}
                FROM quotes q JOIN articles a ON a.id = q.article_id
                """;
            const string order = "ORDER BY q.article_id, q.start, q.\"end\", q.rowid";
            HashSet<(string? Name, string? Key)>? speakers = null;
            if (query.Speaker is { } speaker)
            {
                speakers = MatchingSpeakers(new SpeakerFilter(speaker));
                if (speakers.Count == 0) return;
                command.CommandText =
                    $"""
                    {select}
                    WHERE q.speaker_key IN (SELECT value FROM json_each($keys))
                       OR (q.speaker_key IS NULL AND q.speaker_name IN (SELECT value FROM json_each($names)))
                    {order};
                    """;
                command.Parameters.AddWithValue("$keys", ColumnJson.Serialize(speakers.Select(s => s.Key).OfType<string>().Distinct()));
                command.Parameters.AddWithValue("$names", ColumnJson.Serialize(speakers.Where(s => s.Key is null).Select(s => s.Name)));
            }
            else
            {
                command.CommandText = $"{select} {order};";
            }
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = RowReaders.Quote(reader);
                // One key may be shared by speakers the filter tells apart ("Jean Dupont", "Marie Dupont").
                if (speakers is not null && !speakers.Contains((row.Quote.SpeakerName, row.Quote.SpeakerKey))) continue;
                if (!take(row)) return;
            }
        }
    }

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(',').Select(c => $"{alias}.{c.Trim()}"));

    public StoredArticle? Get(long id)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {ArticleColumns} FROM articles WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            StoredArticle? article;
            using (var reader = command.ExecuteReader()) article = reader.Read() ? ReadArticle(reader) : null;
            return article is null ? null : WithExtractionRows([article], id, id)[0];
        }
    }

    /// <summary>
    /// Gives articles <paramref name="first"/>…<paramref name="last"/> (ids, in order) their quotations and figures from
    /// their rows: the annotations column does not repeat them. An article stored before those rows existed (schema 1,
    /// not re-processed) keeps the ones of its annotations.
    /// </summary>
    private List<StoredArticle> WithExtractionRows(List<StoredArticle> articles, long first, long last)
    {
        var quotes = RowsByArticle(ExtractionRowsWriter.QuoteColumns, "quotes", first, last, RowReaders.Quote, q => q.Quote);
        var figures = RowsByArticle(ExtractionRowsWriter.FigureColumns, "figures", first, last, RowReaders.Figure, f => f.Figure);
        return articles.Select(a => a with
        {
            Quotes = a.Quotes.Count == 0 && quotes.TryGetValue(a.Id, out var q) ? q : a.Quotes,
            Figures = a.Figures.Count == 0 && figures.TryGetValue(a.Id, out var f) ? f : a.Figures,
        }).ToList();
    }

    private Dictionary<long, List<TSpan>> RowsByArticle<TRow, TSpan>(string columns, string table, long first, long last,
        Func<System.Data.Common.DbDataReader, TRow> read, Func<TRow, TSpan> span)
    {
        using var command = _connection.CreateCommand();
        // The readers expect an article's four columns first; only its id is needed here.
        command.CommandText =
            $"""
            SELECT article_id, NULL, NULL, NULL, {columns} FROM {table}
            WHERE rowid BETWEEN $first AND $last ORDER BY rowid;
            """;
        var rows = ExtractionRowsWriter.RowRange(first, last);
        command.Parameters.AddWithValue("$first", rows.First);
        command.Parameters.AddWithValue("$last", rows.Last);
        using var reader = command.ExecuteReader();
        return RowReaders.ByArticle(reader, read, span);
    }

    public IReadOnlyList<ArticleSummary> List(int? limit = null)
    {
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), "limit must not be negative");
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, published, outlet, language, title FROM articles ORDER BY id LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", limit ?? -1);
            using var reader = command.ExecuteReader();
            var rows = new List<ArticleSummary>();
            while (reader.Read())
            {
                rows.Add(new ArticleSummary(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : ColumnJson.ParseDate(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
            return rows;
        }
    }

    /// <summary>Reads in pages by id, holding no statement open between pages, so callers may write while iterating.</summary>
    public IEnumerable<StoredArticle> All() => After(0);

    /// <summary>The articles whose id is greater than <paramref name="id"/>, in id order, read in pages like <see cref="All"/>.</summary>
    public IEnumerable<StoredArticle> After(long id) =>
        PagesAfter(id, ArticleColumns, reader => (reader.GetInt64(0), ReadArticle(reader)),
            page => WithExtractionRows(page.Select(row => row.Item).ToList(), page[0].Id, page[^1].Id)).Select(row => row.Item);

    /// <summary>
    /// The articles after <paramref name="id"/>, in id order, as the story clusterer reads them: cleaned text, title,
    /// date, language, outlet and paragraphs. The raw input and the other annotations (entities, quotations, figures,
    /// sentences) are not read, which makes clustering a stored batch several times cheaper than reading whole articles.
    /// </summary>
    public IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id) => PagesAfter(id,
        "id, content_hash, title, published, outlet, agency, language, clean_text, json_extract(annotations, '$.paragraphs')",
        reader =>
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
            return (articleId, StoryInput.Build(articleId.ToString(CultureInfo.InvariantCulture), reader.GetString(7),
                metadata, paragraphs, reader.GetString(1)));
        });

    /// <summary>
    /// Rows of <c>articles</c> after <paramref name="id"/> in id order, a page at a time: the lock is held for one page,
    /// never while the caller works on the rows, so a long read does not stop the writer.
    /// </summary>
    private IEnumerable<(long Id, T Item)> PagesAfter<T>(long id, string columns, Func<SqliteDataReader, (long, T)> read,
        Func<List<(long Id, T Item)>, IReadOnlyList<T>>? complete = null)
    {
        var after = id;
        while (true)
        {
            var page = new List<(long Id, T Item)>(PageSize);
            lock (_gate)
            {
                ThrowIfDisposed();
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT {columns} FROM articles WHERE id > $after ORDER BY id LIMIT {PageSize};";
                command.Parameters.AddWithValue("$after", after);
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) page.Add(read(reader));
                // Completed under the same lock, so the page and what completes it are one state of the store.
                if (complete is not null && page.Count > 0)
                {
                    var items = complete(page);
                    for (var i = 0; i < page.Count; i++) page[i] = (page[i].Id, items[i]);
                }
            }
            foreach (var row in page) yield return row;
            if (page.Count < PageSize) yield break;
            after = page[^1].Id;
        }
    }

    public long Count()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return Convert.ToInt64(Scalar("SELECT count(*) FROM articles;"), CultureInfo.InvariantCulture);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _findByHash.Dispose();
            _insert.Dispose();
            _savepoint.Dispose();
            _release.Dispose();
            _update.Dispose();
            _connection.Dispose();
        }
    }

    private object?[] RowValues(Document document, string hash) =>
        ArticleRow.From(document, hash, DefaultPipeline.Version, _options.Clock.GetUtcNow().UtcDateTime).Values();

    private static StoredArticle ReadArticle(SqliteDataReader reader) => RowReaders.Article(reader);

    /// <summary>The id of the article with this content hash (read inside the connection's open transaction, if any).</summary>
    private long? FindByHash(string hash) => _findByHash.Bind(1, hash).RunScalarInt64();

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
