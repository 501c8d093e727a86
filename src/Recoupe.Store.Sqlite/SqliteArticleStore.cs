using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

public sealed class SqliteStoreOptions
{
    /// <summary>Supplies <see cref="StoredArticle.IngestedAt"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Writers of rows beside the article row, run inside the article's transaction.</summary>
    public IReadOnlyList<IArticleRowsWriter> RowWriters { get; init; } = ArticleRowsWriters.Default;
    /// <summary>How long to wait for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
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
    private readonly SqliteCommand _findByHash;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _lastRowId;
    private bool _disposed;

    static SqliteArticleStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteArticleStore(string path = DefaultPath, SqliteStoreOptions? options = null)
    {
        Path = path;
        _options = options ?? new SqliteStoreOptions();
        if (path != ":memory:")
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
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
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            _connection.Dispose();
            throw new InvalidOperationException($"cannot open store '{path}': {e.Message}", e);
        }

        _findByHash = Prepare("SELECT id FROM articles WHERE content_hash = $hash;", "$hash");
        _lastRowId = Prepare("SELECT last_insert_rowid();");
        _insert = Prepare(
            """
            INSERT INTO articles (content_hash, title, published, published_from, outlet, agency, authors, language,
                language_confidence, url, dateline, source, format, raw, fields, clean_text, annotations,
                pipeline_version, ingested_at)
            VALUES ($content_hash, $title, $published, $published_from, $outlet, $agency, $authors, $language,
                $language_confidence, $url, $dateline, $source, $format, $raw, $fields, $clean_text, $annotations,
                $pipeline_version, $ingested_at)
            ON CONFLICT (content_hash) DO NOTHING;
            """,
            "$content_hash", "$title", "$published", "$published_from", "$outlet", "$agency", "$authors", "$language",
            "$language_confidence", "$url", "$dateline", "$source", "$format", "$raw", "$fields", "$clean_text",
            "$annotations", "$pipeline_version", "$ingested_at");
    }

    public string Path { get; }
    /// <summary>The schema version of the open file (PRAGMA user_version).</summary>
    public int SchemaVersion { get; }
    /// <summary>The migrations this instance ran when it opened the file (none when the file was current).</summary>
    public IReadOnlyList<Migration> MigrationsApplied { get; }
    /// <summary>"wal" for a file; "memory" for ":memory:".</summary>
    public string JournalMode { get; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: the identity of a cleaned text.</summary>
    public static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public StoreResult Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        DocumentCheck.Validate(document);
        var hash = ContentHash(document.Text);

        lock (_gate)
        {
            ThrowIfDisposed();
            if (FindByHash(hash, null) is long existing) return new StoreResult(StoreStatus.Duplicate, existing);
        }

        // Serialise before taking the write lock: it is the slow part and needs no database.
        var values = RowValues(document, hash);

        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction(); // BEGIN IMMEDIATE: the write lock, up front
            _insert.Transaction = transaction;
            for (var i = 0; i < values.Length; i++) _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            if (_insert.ExecuteNonQuery() == 0)
            {
                // Another writer stored the same text since the check above.
                var id = FindByHash(hash, transaction)!.Value;
                transaction.Rollback();
                return new StoreResult(StoreStatus.Duplicate, id);
            }
            _lastRowId.Transaction = transaction;
            var articleId = Convert.ToInt64(_lastRowId.ExecuteScalar(), CultureInfo.InvariantCulture);
            foreach (var writer in _options.RowWriters)
                writer.Write(_connection, transaction, articleId, document);
            transaction.Commit();
            return new StoreResult(StoreStatus.Stored, articleId);
        }
    }

    public StoredArticle? Get(long id)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {ArticleColumns} FROM articles WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadArticle(reader) : null;
        }
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
    public IEnumerable<StoredArticle> All()
    {
        long after = 0;
        while (true)
        {
            var page = new List<StoredArticle>(PageSize);
            lock (_gate)
            {
                ThrowIfDisposed();
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT {ArticleColumns} FROM articles WHERE id > $after ORDER BY id LIMIT {PageSize};";
                command.Parameters.AddWithValue("$after", after);
                using var reader = command.ExecuteReader();
                while (reader.Read()) page.Add(ReadArticle(reader));
            }
            foreach (var article in page) yield return article;
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
            _lastRowId.Dispose();
            _connection.Dispose();
        }
    }

    private object?[] RowValues(Document document, string hash)
    {
        var metadata = document.Metadata;
        var raw = document.Source;
        var annotations = new StoredAnnotations
        {
            Paragraphs = document.Paragraphs,
            Sentences = document.Sentences,
            Entities = document.Entities,
            Quotes = document.Quotes,
            Figures = document.Figures,
            Dates = document.Dates,
            Removed = document.Removed,
        };
        var dateline = document.Dateline is { } d
            ? new StoredDateline(d.Start, d.End, d.Place ?? metadata.DatelinePlace, d.Agency, d.Date)
            : metadata.DatelinePlace is { } place ? new StoredDateline(null, null, place, null, null) : null;

        // Same order as the parameters of _insert.
        return
        [
            hash,
            metadata.Title,
            metadata.Published is { } published ? ColumnJson.FormatDate(published) : null,
            metadata.PublishedFrom,
            metadata.Outlet,
            metadata.Agency,
            ColumnJson.Serialize(metadata.Authors),
            metadata.Language,
            metadata.LanguageConfidence,
            metadata.Url,
            dateline is null ? null : ColumnJson.Serialize(dateline),
            raw.Source,
            raw.Format.ToString(),
            raw.Raw,
            ColumnJson.Serialize(raw.Fields),
            document.Text,
            ColumnJson.Serialize(annotations),
            DefaultPipeline.Version,
            ColumnJson.FormatDate(_options.Clock.GetUtcNow().UtcDateTime.TruncateToMilliseconds()),
        ];
    }

    private static StoredArticle ReadArticle(SqliteDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        var metadata = new ArticleMetadata
        {
            Title = Text(2),
            Published = Text(3) is { } published ? ColumnJson.ParseDate(published) : null,
            PublishedFrom = Text(4),
            Outlet = Text(5),
            Agency = Text(6),
            Language = reader.GetString(8),
            LanguageConfidence = reader.GetDouble(9),
            Url = Text(10),
        };
        metadata.Authors.AddRange(ColumnJson.Deserialize<List<string>>(reader.GetString(7)));

        Dateline? dateline = null;
        if (Text(11) is { } datelineJson)
        {
            var stored = ColumnJson.Deserialize<StoredDateline>(datelineJson);
            metadata.DatelinePlace = stored.Place;
            if (stored is { Start: { } start, End: { } end })
                dateline = new Dateline(start, end) { Place = stored.Place, Agency = stored.Agency, Date = stored.Date };
        }

        var raw = new RawArticle
        {
            Source = reader.GetString(12),
            Format = Enum.Parse<InputFormat>(reader.GetString(13), ignoreCase: true),
            Raw = reader.GetString(14),
            Fields = ColumnJson.Deserialize<SourceFields>(reader.GetString(15)),
        };
        var annotations = ColumnJson.Deserialize<StoredAnnotations>(reader.GetString(17));

        return new StoredArticle
        {
            Id = reader.GetInt64(0),
            ContentHash = reader.GetString(1),
            Text = reader.GetString(16),
            Metadata = metadata,
            Raw = raw,
            Paragraphs = annotations.Paragraphs,
            Sentences = annotations.Sentences,
            Entities = annotations.Entities,
            Quotes = annotations.Quotes,
            Figures = annotations.Figures,
            Dates = annotations.Dates,
            Removed = annotations.Removed,
            Dateline = dateline,
            PipelineVersion = reader.GetInt32(18),
            IngestedAt = ColumnJson.ParseDate(reader.GetString(19)),
        };
    }

    private long? FindByHash(string hash, SqliteTransaction? transaction)
    {
        _findByHash.Transaction = transaction;
        _findByHash.Parameters[0].Value = hash;
        return _findByHash.ExecuteScalar() is { } id and not DBNull ? Convert.ToInt64(id, CultureInfo.InvariantCulture) : null;
    }

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

internal static class DateTimeExtensions
{
    public static DateTime TruncateToMilliseconds(this DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Kind);
}
