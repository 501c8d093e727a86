using System.Data.Common;
using System.Globalization;
using Recoupe.Core.Model;
using static Recoupe.Core.Storage.DbStatements;

namespace Recoupe.Core.Storage;

/// <summary>
/// Watched sources, the item URLs seen, child listings' validators and former article texts, in the tables every store
/// creates alike (SQLite migrations 0009 and 0011, PostgreSQL 0010: the same names and columns, times as ISO 8601
/// text): the statements are written once here, like <see cref="AlertTables"/>'s, and run over the ADO.NET connection
/// the store gives (<see cref="Use{T}"/>). Each call is one statement or one transaction.
/// </summary>
public abstract class SourceTables : ISourceStore
{
    private const string SourceColumns =
        "id, url, name, every_seconds, added_at, kind, feed_url, last_poll, last_success, etag, last_modified, next_due, " +
        "errors, total_errors, last_error, unchanged_polls, items";

    /// <summary>Runs <paramref name="body"/> on a connection of the store (SQLite: its one connection under its lock; PostgreSQL: one from the pool).</summary>
    protected abstract T Use<T>(Func<DbConnection, T> body);

    public bool Add(string url, string? name, TimeSpan every, DateTime now, out WatchedSource source)
    {
        var (added, found) = Use(c =>
        {
            var inserted = Execute(c, null,
                "INSERT INTO sources (url, name, every_seconds, added_at, next_due) VALUES (@url, @name, @every, @now, @now) ON CONFLICT (url) DO NOTHING;",
                ("url", url), ("name", name), ("every", (long)every.TotalSeconds), ("now", ColumnJson.FormatDate(now))) == 1;
            return (inserted, ReadSources(c, "WHERE url = @url", ("url", url)).Single());
        });
        source = found;
        return added;
    }

    public bool Remove(string idOrUrl) => Use(c =>
    {
        var id = long.TryParse(idOrUrl, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Long(Scalar(c, null, "SELECT id FROM sources WHERE id = @number;", ("number", number)))
            : Long(Scalar(c, null, "SELECT id FROM sources WHERE url = @url;", ("url", idOrUrl)));
        if (id is null) return false;
        // Its child listings' validators go with it: added again, it reads them whole once (its items stay known by URL).
        using var transaction = c.BeginTransaction();
        Execute(c, transaction, "DELETE FROM listing_validators WHERE source_id = @id;", ("id", id));
        Execute(c, transaction, "DELETE FROM sources WHERE id = @id;", ("id", id));
        transaction.Commit();
        return true;
    });

    public IReadOnlyList<WatchedSource> List() => Use(c => ReadSources(c, "ORDER BY id"));

    public void SaveState(long sourceId, SourceState state) => Use(c => Execute(c, null,
        """
        UPDATE sources SET kind = @kind, feed_url = @feedUrl, last_poll = @lastPoll, last_success = @lastSuccess,
            etag = @etag, last_modified = @lastModified, next_due = @nextDue, errors = @errors,
            total_errors = @totalErrors, last_error = @lastError, unchanged_polls = @unchangedPolls, items = @items
        WHERE id = @id;
        """,
        ("id", sourceId), ("kind", state.Kind), ("feedUrl", state.FeedUrl), ("lastPoll", Date(state.LastPoll)),
        ("lastSuccess", Date(state.LastSuccess)), ("etag", state.ETag), ("lastModified", state.LastModified),
        ("nextDue", ColumnJson.FormatDate(state.NextDue)), ("errors", (long)state.Errors), ("totalErrors", (long)state.TotalErrors),
        ("lastError", state.LastError), ("unchangedPolls", (long)state.UnchangedPolls), ("items", state.Items)));

    public SeenItem? FindItem(string url) => Use(c => Query(c, null,
        "SELECT url, source_id, article_id, signature, etag, last_modified, outcome FROM source_items WHERE url = @url;",
        r => new SeenItem(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
            r.IsDBNull(2) ? null : Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), Text(r, 3), Text(r, 4), Text(r, 5),
            Enum.Parse<SeenOutcome>(r.GetString(6), ignoreCase: true)),
        ("url", url)).SingleOrDefault());

    public void RecordItem(SeenItem item, DateTime now) => Use(c => Execute(c, null,
        """
        INSERT INTO source_items (url, source_id, article_id, signature, etag, last_modified, seen_at, outcome)
        VALUES (@url, @sourceId, @articleId, @signature, @etag, @lastModified, @now, @outcome)
        ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, signature = excluded.signature,
            etag = excluded.etag, last_modified = excluded.last_modified, outcome = excluded.outcome;
        """,
        ("url", item.Url), ("sourceId", item.SourceId), ("articleId", item.ArticleId), ("signature", item.Signature),
        ("etag", item.ETag), ("lastModified", item.LastModified), ("now", ColumnJson.FormatDate(now)),
        ("outcome", item.Outcome.ToString().ToLowerInvariant())));

    public ListingValidators? FindListing(string url) => Use(c => Query(c, null,
        "SELECT etag, last_modified FROM listing_validators WHERE url = @url;",
        r => new ListingValidators(Text(r, 0), Text(r, 1)), ("url", url)).SingleOrDefault());

    public void SaveListing(string url, long sourceId, ListingValidators validators, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(validators);
        Use(c => Execute(c, null,
            """
            INSERT INTO listing_validators (url, source_id, etag, last_modified, saved_at) VALUES (@url, @sourceId, @etag, @lastModified, @now)
            ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, etag = excluded.etag,
                last_modified = excluded.last_modified, saved_at = excluded.saved_at;
            """,
            ("url", url), ("sourceId", sourceId), ("etag", validators.ETag), ("lastModified", validators.LastModified),
            ("now", ColumnJson.FormatDate(now))));
    }

    public long? ArticleByUrl(string url) => Use(c =>
        Long(Scalar(c, null, "SELECT id FROM articles WHERE url = @url ORDER BY id LIMIT 1;", ("url", url))));

    public void AddVersion(StoredArticle former, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(former);
        // Keyed by its text: a watcher killed after keeping a version but before replacing the row keeps it once.
        Use(c => Execute(c, null,
            """
            INSERT INTO article_versions (article_id, content_hash, title, clean_text, raw, replaced_at)
            VALUES (@id, @hash, @title, @text, @raw, @now) ON CONFLICT DO NOTHING;
            """,
            ("id", former.Id), ("hash", former.ContentHash), ("title", former.Metadata.Title), ("text", former.Text),
            ("raw", former.Raw.Raw), ("now", ColumnJson.FormatDate(now))));
    }

    // The current text may equal a kept one only in the window of a kill between keeping and replacing.
    public int CountVersions(long articleId) => Use(c => Convert.ToInt32(Scalar(c, null,
        """
        SELECT count(*) + 1 FROM article_versions v
        WHERE v.article_id = @articleId AND v.content_hash <> (SELECT content_hash FROM articles WHERE id = @articleId);
        """,
        ("articleId", articleId)), CultureInfo.InvariantCulture));

    public abstract void Dispose();

    private static List<WatchedSource> ReadSources(DbConnection c, string where, params (string Name, object? Value)[] parameters) =>
        Query(c, null, $"SELECT {SourceColumns} FROM sources {where};", ReadSource, parameters);

    private static WatchedSource ReadSource(DbDataReader r) => new(Int64(r, 0), r.GetString(1), Text(r, 2),
        TimeSpan.FromSeconds(Int64(r, 3)), ColumnJson.ParseDate(r.GetString(4)), new SourceState
        {
            Kind = Text(r, 5), FeedUrl = Text(r, 6), LastPoll = ParseDate(Text(r, 7)), LastSuccess = ParseDate(Text(r, 8)),
            ETag = Text(r, 9), LastModified = Text(r, 10), NextDue = ColumnJson.ParseDate(r.GetString(11)), Errors = (int)Int64(r, 12),
            TotalErrors = (int)Int64(r, 13), LastError = Text(r, 14), UnchangedPolls = (int)Int64(r, 15), Items = Int64(r, 16),
        });

    /// <summary>An integer column whichever width the store gives it (SQLite: 64 bits; PostgreSQL: integer or bigint).</summary>
    private static long Int64(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static string? Date(DateTime? value) => value is { } v ? ColumnJson.FormatDate(v) : null;
    private static DateTime? ParseDate(string? value) => value is null ? null : ColumnJson.ParseDate(value);
}
