using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Watched sources in the same SQLite file as the articles (tables of migration 0009), on a connection of its own
/// like <see cref="SqliteStoryStore"/>. Each call is one statement or one transaction, under a lock, so an instance may
/// be shared by the watcher's threads.
/// </summary>
public sealed class SqliteSourceStore : SqliteSideStore, ISourceStore
{
    private const string SourceColumns =
        "id, url, name, every_seconds, added_at, kind, feed_url, last_poll, last_success, etag, last_modified, next_due, " +
        "errors, total_errors, last_error, unchanged_polls, items";

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteSourceStore(string path = SqliteArticleStore.DefaultPath, bool createIfMissing = true) : base(path, createIfMissing) { }

    public bool Add(string url, string? name, TimeSpan every, DateTime now, out WatchedSource source)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            var added = Connection.Execute(
                "INSERT INTO sources (url, name, every_seconds, added_at, next_due) VALUES (@url, @name, @every, @now, @now) ON CONFLICT (url) DO NOTHING;",
                new { url, name, every = (long)every.TotalSeconds, now = ColumnJson.FormatDate(now) }) == 1;
            source = Read("WHERE url = @url", new { url }).Single();
            return added;
        }
    }

    public bool Remove(string idOrUrl)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            var id = long.TryParse(idOrUrl, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? Connection.QueryFirstOrDefault<long?>("SELECT id FROM sources WHERE id = @number;", new { number })
                : Connection.QueryFirstOrDefault<long?>("SELECT id FROM sources WHERE url = @idOrUrl;", new { idOrUrl });
            if (id is null) return false;
            // Its child listings' validators go with it: added again, it reads them whole once (its items stay known by URL).
            using var transaction = Connection.BeginTransaction();
            Connection.Execute("DELETE FROM listing_validators WHERE source_id = @id; DELETE FROM sources WHERE id = @id;", new { id }, transaction);
            transaction.Commit();
            return true;
        }
    }

    public IReadOnlyList<WatchedSource> List()
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            return Read("ORDER BY id", null);
        }
    }

    public void SaveState(long sourceId, SourceState state)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            Connection.Execute(
                """
                UPDATE sources SET kind = @Kind, feed_url = @FeedUrl, last_poll = @LastPoll, last_success = @LastSuccess,
                    etag = @ETag, last_modified = @LastModified, next_due = @NextDue, errors = @Errors,
                    total_errors = @TotalErrors, last_error = @LastError, unchanged_polls = @UnchangedPolls, items = @Items
                WHERE id = @Id;
                """,
                new
                {
                    Id = sourceId, state.Kind, state.FeedUrl, LastPoll = Date(state.LastPoll), LastSuccess = Date(state.LastSuccess),
                    state.ETag, state.LastModified, NextDue = ColumnJson.FormatDate(state.NextDue), state.Errors,
                    state.TotalErrors, state.LastError, state.UnchangedPolls, state.Items,
                });
        }
    }

    public SeenItem? FindItem(string url)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            var row = Connection.QuerySingleOrDefault<ItemRow>(
                "SELECT url, source_id AS SourceId, article_id AS ArticleId, signature, etag, last_modified AS LastModified, outcome FROM source_items WHERE url = @url;",
                new { url });
            return row is null ? null : new SeenItem(row.Url, row.SourceId, row.ArticleId, row.Signature, row.ETag, row.LastModified,
                Enum.Parse<SeenOutcome>(row.Outcome, ignoreCase: true));
        }
    }

    public void RecordItem(SeenItem item, DateTime now)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            Connection.Execute(
                """
                INSERT INTO source_items (url, source_id, article_id, signature, etag, last_modified, seen_at, outcome)
                VALUES (@Url, @SourceId, @ArticleId, @Signature, @ETag, @LastModified, @now, @outcome)
                ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, signature = excluded.signature,
                    etag = excluded.etag, last_modified = excluded.last_modified, outcome = excluded.outcome;
                """,
                new
                {
                    item.Url, item.SourceId, item.ArticleId, item.Signature, item.ETag, item.LastModified,
                    now = ColumnJson.FormatDate(now), outcome = item.Outcome.ToString().ToLowerInvariant(),
                });
        }
    }

    public ListingValidators? FindListing(string url)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            return Connection.QuerySingleOrDefault<ListingValidators>(
                "SELECT etag AS ETag, last_modified AS LastModified FROM listing_validators WHERE url = @url;", new { url });
        }
    }

    public void SaveListing(string url, long sourceId, ListingValidators validators, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(validators);
        lock (Gate)
        {
            ThrowIfDisposed();
            Connection.Execute(
                """
                INSERT INTO listing_validators (url, source_id, etag, last_modified, saved_at) VALUES (@url, @sourceId, @ETag, @LastModified, @now)
                ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, etag = excluded.etag,
                    last_modified = excluded.last_modified, saved_at = excluded.saved_at;
                """,
                new { url, sourceId, validators.ETag, validators.LastModified, now = ColumnJson.FormatDate(now) });
        }
    }

    public long? ArticleByUrl(string url)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            return Connection.QueryFirstOrDefault<long?>("SELECT id FROM articles WHERE url = @url ORDER BY id LIMIT 1;", new { url });
        }
    }

    public void AddVersion(StoredArticle former, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(former);
        lock (Gate)
        {
            ThrowIfDisposed();
            // Keyed by its text: a watcher killed after keeping a version but before replacing the row keeps it once.
            Connection.Execute(
                """
                INSERT INTO article_versions (article_id, content_hash, title, clean_text, raw, replaced_at)
                VALUES (@id, @hash, @title, @text, @raw, @now) ON CONFLICT DO NOTHING;
                """,
                new
                {
                    id = former.Id, hash = former.ContentHash, title = former.Metadata.Title, text = former.Text,
                    raw = former.Raw.Raw, now = ColumnJson.FormatDate(now),
                });
        }
    }

    public int CountVersions(long articleId)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            // The current text may equal a kept one only in the window of a kill between keeping and replacing.
            return Connection.ExecuteScalar<int>(
                """
                SELECT count(*) + 1 FROM article_versions v
                WHERE v.article_id = @articleId AND v.content_hash <> (SELECT content_hash FROM articles WHERE id = @articleId);
                """,
                new { articleId });
        }
    }

    private List<WatchedSource> Read(string where, object? parameters) =>
        Connection.Query<SourceRow>($"SELECT {SourceColumns} FROM sources {where};", parameters).Select(ToSource).ToList();

    private static WatchedSource ToSource(SourceRow r) => new(r.id, r.url, r.name, TimeSpan.FromSeconds(r.every_seconds),
        ColumnJson.ParseDate(r.added_at), new SourceState
        {
            Kind = r.kind, FeedUrl = r.feed_url, LastPoll = ParseDate(r.last_poll), LastSuccess = ParseDate(r.last_success),
            ETag = r.etag, LastModified = r.last_modified, NextDue = ColumnJson.ParseDate(r.next_due), Errors = (int)r.errors,
            TotalErrors = (int)r.total_errors, LastError = r.last_error, UnchangedPolls = (int)r.unchanged_polls, Items = r.items,
        });

    private static string? Date(DateTime? value) => value is { } v ? ColumnJson.FormatDate(v) : null;
    private static DateTime? ParseDate(string? value) => value is null ? null : ColumnJson.ParseDate(value);

    // Dapper maps columns by name onto these (snake_case kept as the columns are).
#pragma warning disable IDE1006, CA1812
    private sealed class SourceRow
    {
        public long id { get; set; }
        public string url { get; set; } = "";
        public string? name { get; set; }
        public long every_seconds { get; set; }
        public string added_at { get; set; } = "";
        public string? kind { get; set; }
        public string? feed_url { get; set; }
        public string? last_poll { get; set; }
        public string? last_success { get; set; }
        public string? etag { get; set; }
        public string? last_modified { get; set; }
        public string next_due { get; set; } = "";
        public long errors { get; set; }
        public long total_errors { get; set; }
        public string? last_error { get; set; }
        public long unchanged_polls { get; set; }
        public long items { get; set; }
    }

    private sealed class ItemRow
    {
        public string Url { get; set; } = "";
        public long SourceId { get; set; }
        public long? ArticleId { get; set; }
        public string? Signature { get; set; }
        public string? ETag { get; set; }
        public string? LastModified { get; set; }
        public string Outcome { get; set; } = "pending";
    }
#pragma warning restore IDE1006, CA1812
}
