using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// A watched source's polling state, kept in the store so that a restarted <c>watch</c> goes on where it stopped:
/// validators for conditional GET, when it is next due, its errors (for backoff) and what it gave.
/// </summary>
public sealed record SourceState
{
    /// <summary>feed, json-feed, sitemap or page; null until the first poll has looked at it.</summary>
    public string? Kind { get; init; }
    /// <summary>What is polled: the source URL itself, or the feed or sitemap its home page led to.</summary>
    public string? FeedUrl { get; init; }
    public DateTime? LastPoll { get; init; }
    public DateTime? LastSuccess { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTime NextDue { get; init; }
    /// <summary>Polls failed in a row (reset by a success): the backoff's exponent.</summary>
    public int Errors { get; init; }
    public int TotalErrors { get; init; }
    public string? LastError { get; init; }
    /// <summary>Polls in a row that found nothing new: a feed that rarely changes is polled less often.</summary>
    public int UnchangedPolls { get; init; }
    /// <summary>Articles stored from this source.</summary>
    public long Items { get; init; }
}

/// <summary>A source to watch: a feed, a sitemap or a home page, polled every <see cref="Every"/>.</summary>
public sealed record WatchedSource(long Id, string Url, string? Name, TimeSpan Every, DateTime AddedAt, SourceState State)
{
    /// <summary>Articles a day since the source was added (at least one day counted).</summary>
    public double ItemsPerDay(DateTime now) => State.Items / Math.Max(1.0, (now - AddedAt).TotalDays);
}

/// <summary>
/// What became of an item URL. Pending: its page was being fetched when the watcher stopped. Published: its article
/// went to the work queue (a worker stores it, or finds it a duplicate).
/// </summary>
public enum SeenOutcome { Pending, Stored, Duplicate, Failed, Published }

/// <summary>An item URL (canonical) already seen, with what the feed said of it and the page's validators.</summary>
public sealed record SeenItem(string Url, long SourceId, long? ArticleId, string? Signature, string? ETag, string? LastModified,
    SeenOutcome Outcome);

/// <summary>The validators (ETag, Last-Modified) of a listing last read whole, for a conditional GET.</summary>
public sealed record ListingValidators(string? ETag, string? LastModified);

/// <summary>
/// Watched sources, their state, the item URLs seen (so no page is fetched twice) and the former texts of articles whose
/// page changed. Kept beside the articles (SQLite: the same file).
/// </summary>
public interface ISourceStore : IDisposable
{
    /// <summary>Adds a source; false (and the existing one) when its URL is already watched.</summary>
    bool Add(string url, string? name, TimeSpan every, DateTime now, out WatchedSource source);

    /// <summary>Removes a source by id or URL; false when none matches. The items it gave stay.</summary>
    bool Remove(string idOrUrl);

    IReadOnlyList<WatchedSource> List();

    void SaveState(long sourceId, SourceState state);

    SeenItem? FindItem(string url);

    /// <summary>Records an item URL (insert or replace).</summary>
    void RecordItem(SeenItem item, DateTime now);

    /// <summary>The article stored with this URL, if any (what a killed watcher stored but did not record).</summary>
    long? ArticleByUrl(string url);

    /// <summary>Validators saved for a listing a source leads to beyond its own URL (a child sitemap), or null.</summary>
    ListingValidators? FindListing(string url);

    /// <summary>Saves a child listing's validators once the items it listed are stored (insert or replace).</summary>
    void SaveListing(string url, long sourceId, ListingValidators validators, DateTime now);

    /// <summary>Keeps a former text of an article before its row is replaced by the newer one.</summary>
    void AddVersion(StoredArticle former, DateTime now);

    /// <summary>Versions of an article: the former ones kept plus the current one.</summary>
    int CountVersions(long articleId);
}
