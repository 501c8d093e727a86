using Recoupe.App;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Ingest.Watch;

/// <summary>How the watcher schedules its sources.</summary>
public sealed record WatchOptions
{
    /// <summary>The clock polls are scheduled by (a simulated one in tests and benchmarks).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
    /// <summary>Sources polled at once (each host still gets one request at a time).</summary>
    public int Parallelism { get; init; } = 8;
    /// <summary>Items taken from one listing per poll, newest first as listed.</summary>
    public int MaxItemsPerPoll { get; init; } = 200;
    /// <summary>Child sitemaps of a sitemap index read per poll, newest first.</summary>
    public int MaxChildSitemaps { get; init; } = 3;
    /// <summary>A feed that keeps giving nothing new is polled up to this many times less often.</summary>
    public double MaxSlowdown { get; init; } = 4;
    /// <summary>Longest wait after errors (exponential backoff with jitter up to this).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(6);
    /// <summary>
    /// Least time (real) between two groupings while sources keep storing: grouping reads and writes the clusterer's
    /// whole state, so once per poll of each source would cost more than the polls. A round that stores nothing new
    /// after this time, the end of <see cref="WatchRunner.RunAsync"/> and <c>--once</c> group what is left.
    /// </summary>
    public TimeSpan GroupEvery { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest sleep of <see cref="WatchRunner.RunAsync"/> between looks at the source list (new sources are noticed).</summary>
    public TimeSpan MaxIdle { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>What one poll of one source did.</summary>
public sealed record SourcePoll(WatchedSource Source, HarvestCounts Counts, bool NotModified, string? Error, DateTime NextDue);

/// <summary>One round of polls, and what grouping the stored articles into stories said (null when nothing was stored).</summary>
public sealed record WatchRound(IReadOnlyList<SourcePoll> Polls, string? Grouping)
{
    public int Stored => Polls.Sum(p => p.Counts.Stored);
    /// <summary>Articles sent to the work queue instead of stored (<c>watch --queue</c>).</summary>
    public int Published => Polls.Sum(p => p.Counts.Published);
    public int Versions => Polls.Sum(p => p.Counts.Versions);
    public int Failed => Polls.Count(p => p.Error is not null);
}

/// <summary>
/// Polls watched sources on their schedule: each source's listing (feed, JSON Feed, sitemap or sitemap index, or the
/// feed a home page leads to) is fetched conditionally, its new items harvested (<see cref="ItemHarvester"/>), the
/// round's stored articles grouped into stories (<see cref="Group"/>), and the source's state saved — after its items,
/// so that a watcher killed mid-poll polls the whole listing again rather than miss what it had not stored.
/// A source that fails backs off exponentially with jitter; one that keeps giving nothing new is polled less often.
/// </summary>
public sealed class WatchRunner
{
    private readonly ISourceStore _sources;
    private readonly PoliteFetcher _fetcher;
    private readonly WatchOptions _options;
    private readonly ItemHarvester _harvester;

    /// <param name="publisher">A work queue to publish new articles to instead of storing them (workers store them; nothing is grouped here).</param>
    public WatchRunner(ISourceStore sources, IArticleStore articles, PoliteFetcher fetcher, WatchOptions? options = null, Pipeline? pipeline = null,
        IArticlePublisher? publisher = null)
    {
        _sources = sources;
        _fetcher = fetcher;
        _options = options ?? new WatchOptions();
        _harvester = new ItemHarvester(sources, articles, fetcher, pipeline ?? DefaultPipeline.Create(), _options.Clock, publisher);
    }

    /// <summary>Groups what was stored into stories (the CLI passes the store's story indexer); returns a line saying what it did.</summary>
    public Func<string>? Group { get; init; }

    private DateTime Now => _options.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Polls every source (<paramref name="dueOnly"/>: only those due now) once, then groups what was stored.</summary>
    public async Task<WatchRound> PollAsync(bool dueOnly, CancellationToken cancellation = default)
    {
        var now = Now;
        var due = _sources.List().Where(s => !dueOnly || s.State.NextDue <= now).ToList();
        var polls = new SourcePoll[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellation },
            async (i, token) => polls[i] = await PollSourceAsync(due[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        _ungrouped += polls.Sum(p => p.Counts.Stored);
        return new WatchRound(polls, GroupIfDue(force: !dueOnly));
    }

    private int _ungrouped;
    private readonly System.Diagnostics.Stopwatch _sinceGrouping = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Groups the articles stored since the last grouping when <see cref="WatchOptions.GroupEvery"/> has passed (or when forced).</summary>
    private string? GroupIfDue(bool force)
    {
        if (_ungrouped == 0 || Group is null || (!force && _sinceGrouping.Elapsed < _options.GroupEvery)) return null;
        var said = Group();
        // Grouping ends a burst of native work (SQLite, inflating): the C heap hands back what it freed (see NativeHeap).
        NativeHeap.Trim();
        _ungrouped = 0;
        _sinceGrouping.Restart();
        return said;
    }

    /// <summary>Polls due sources until cancelled, sleeping (on the injected clock) until the next one is due.</summary>
    public async Task RunAsync(Action<WatchRound>? onRound = null, CancellationToken cancellation = default)
    {
        // A run for days: few C heap arenas, so that what native code frees on many threads is not kept in one per thread.
        NativeHeap.LimitArenas(2);
        try
        {
            await PollUntilCancelledAsync(onRound, cancellation).ConfigureAwait(false);
        }
        finally
        {
            // What was stored since the last grouping is grouped before leaving (a kill leaves it to the next start).
            if (GroupIfDue(force: true) is { } said) onRound?.Invoke(new WatchRound([], said));
        }
    }

    private async Task PollUntilCancelledAsync(Action<WatchRound>? onRound, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var round = await PollAsync(dueOnly: true, cancellation).ConfigureAwait(false);
            if (round.Polls.Count > 0 || round.Grouping is not null) onRound?.Invoke(round);
            var next = _sources.List().Select(s => s.State.NextDue).DefaultIfEmpty(Now + _options.MaxIdle).Min();
            // Whole milliseconds, rounded up: Task.Delay rounds a shorter wait down to none, and the loop would spin.
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((next - Now).TotalMilliseconds));
            if (wait > _options.MaxIdle) wait = _options.MaxIdle;
            // Articles waiting to be grouped are grouped when the throttle allows, not after the whole sleep.
            if (_ungrouped > 0)
            {
                var left = _options.GroupEvery - _sinceGrouping.Elapsed;
                var until = left > TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)) : TimeSpan.FromMilliseconds(100);
                if (wait > until) wait = until;
            }
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, _options.Clock, cancellation).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<SourcePoll> PollSourceAsync(WatchedSource source, CancellationToken cancellation)
    {
        var state = source.State;
        var started = Now;
        try
        {
            var (listing, fetch, feedUrl, error, children) = await ListAsync(source, cancellation).ConfigureAwait(false);
            if (error is not null) return Failed(source, started, error, fetch?.RetryAfter);
            if (listing is null)
                return Succeeded(source, started, new HarvestCounts(), fetch!, feedUrl, state.Kind, notModified: true);
            var items = listing.Items.Take(_options.MaxItemsPerPoll).ToList();
            var counts = await _harvester.HarvestAsync(source, items, cancellation).ConfigureAwait(false);
            // Only a listing harvested whole may be skipped next time: a capped one is read again for the items it left.
            // Child sitemaps' validators are saved in the store once their items are: an unchanged child then answers
            // 304 and is not read again, after a restart too.
            if (listing.Items.Count <= _options.MaxItemsPerPoll)
                foreach (var (url, validators) in children) _sources.SaveListing(url, source.Id, validators, Now);
            return Succeeded(source, started, counts with { Listed = listing.Items.Count }, fetch!, feedUrl, KindName(listing.Kind), notModified: false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(source, started, $"{e.GetType().Name}: {e.Message}", null);
        }
    }

    /// <summary>
    /// The source's listing: its own URL the first time (a home page leading to its first feed, else the sitemap its
    /// robots.txt names), then what that led to; null (with the fetch) when the listing has not changed (304).
    /// </summary>
    private async Task<(Listing? Listing, FetchResult? Fetch, string FeedUrl, string? Error, List<(string Url, ListingValidators Validators)> Children)>
        ListAsync(WatchedSource source, CancellationToken cancellation)
    {
        var children = new List<(string, ListingValidators)>();
        var state = source.State;
        var target = state.FeedUrl ?? source.Url;
        var fetch = await _fetcher.FetchAsync(new Uri(target), state.ETag, state.LastModified, cancellation).ConfigureAwait(false);
        if (fetch.Status == FetchStatus.NotModified) return (null, fetch, target, null, children);
        if (fetch.Status != FetchStatus.Ok) return (null, fetch, target, fetch.Error ?? fetch.Status.ToString(), children);
        var listing = SourceListing.Read(fetch.Url, fetch.Body!, fetch.ContentType, _options.Limits);

        if (listing.Kind == ListingKind.Page)
        {
            var robots = await _fetcher.RobotsAsync(fetch.Url, cancellation).ConfigureAwait(false);
            var next = listing.Links.Concat(robots.Sitemaps).FirstOrDefault();
            if (next is null) return (null, fetch, target, "no feed (link rel=alternate) or sitemap (robots.txt) found for this page", children);
            target = next;
            fetch = await _fetcher.FetchAsync(new Uri(target), cancellation: cancellation).ConfigureAwait(false);
            if (fetch.Status != FetchStatus.Ok) return (null, fetch, target, $"{target}: {fetch.Error ?? fetch.Status.ToString()}", children);
            listing = SourceListing.Read(fetch.Url, fetch.Body!, fetch.ContentType, _options.Limits);
        }
        if (listing.Kind == ListingKind.SitemapIndex)
        {
            var items = new List<ListedItem>();
            foreach (var child in listing.Links.Take(_options.MaxChildSitemaps))
            {
                var known = _sources.FindListing(child);
                var childFetch = await _fetcher.FetchAsync(new Uri(child), known?.ETag, known?.LastModified, cancellation).ConfigureAwait(false);
                if (childFetch.Status != FetchStatus.Ok) continue; // 304: every item it lists was harvested when it was read whole
                var childListing = SourceListing.Read(childFetch.Url, childFetch.Body!, childFetch.ContentType, _options.Limits);
                if (childListing.Kind != ListingKind.Sitemap) continue;
                items.AddRange(childListing.Items);
                if (childFetch.ETag is not null || childFetch.LastModified is not null)
                    children.Add((child, new ListingValidators(childFetch.ETag, childFetch.LastModified)));
            }
            listing = listing with { Items = items };
        }
        if (listing.Kind is ListingKind.Page or ListingKind.Unknown || listing.Error is not null)
            return (null, fetch, target, listing.Error ?? "not a feed or a sitemap", children);
        return (listing, fetch, target, null, children);
    }

    private static string KindName(ListingKind kind) => kind switch
    {
        ListingKind.JsonFeed => "json-feed",
        ListingKind.Sitemap or ListingKind.SitemapIndex => "sitemap",
        _ => "feed",
    };

    private SourcePoll Succeeded(WatchedSource source, DateTime started, HarvestCounts counts, FetchResult fetch, string feedUrl,
        string? kind, bool notModified)
    {
        var state = source.State;
        var nothingNew = counts.Stored + counts.Versions + counts.Published == 0;
        var unchanged = nothingNew ? state.UnchangedPolls + 1 : 0;
        // A feed that rarely changes is polled less often: a quarter of the interval more per empty poll, up to MaxSlowdown.
        var factor = Math.Min(_options.MaxSlowdown, 1 + unchanged * 0.25);
        var now = Now;
        var next = now + Jittered(source, source.Every * factor, 0.1);
        var saved = state with
        {
            Kind = kind ?? state.Kind, FeedUrl = feedUrl == source.Url ? null : feedUrl, LastPoll = started, LastSuccess = now,
            ETag = fetch.ETag, LastModified = fetch.LastModified, NextDue = next, Errors = 0, UnchangedPolls = unchanged,
            Items = state.Items + counts.Stored + counts.Published,
        };
        _sources.SaveState(source.Id, saved);
        return new SourcePoll(source with { State = saved }, counts, notModified, null, next);
    }

    private SourcePoll Failed(WatchedSource source, DateTime started, string error, DateTimeOffset? retryAfter)
    {
        var state = source.State;
        var errors = state.Errors + 1;
        // Exponential backoff from the source's interval, with jitter so that sources failing together do not retry together.
        var backoff = TimeSpan.FromTicks((long)Math.Min(_options.MaxBackoff.Ticks, source.Every.Ticks * Math.Pow(2, Math.Min(errors, 20))));
        var next = Now + Jittered(source, backoff, 0.2);
        if (retryAfter is { } until && until.UtcDateTime > next) next = until.UtcDateTime;
        var saved = state with
        {
            LastPoll = started, NextDue = next, Errors = errors, TotalErrors = state.TotalErrors + 1, LastError = error,
        };
        _sources.SaveState(source.Id, saved);
        return new SourcePoll(source with { State = saved }, new HarvestCounts(), false, error, next);
    }

    /// <summary>The interval times 1 ± <paramref name="spread"/>, from a hash of the source and the time: deterministic under a simulated clock.</summary>
    private TimeSpan Jittered(WatchedSource source, TimeSpan interval, double spread)
    {
        var seed = (int)(unchecked((ulong)source.Id * 0x9E3779B97F4A7C15UL ^ (ulong)Now.Ticks) >> 33); // not HashCode: that is seeded per process
        var unit = new Random(seed).NextDouble() * 2 - 1;
        return TimeSpan.FromTicks((long)(interval.Ticks * (1 + spread * unit)));
    }
}
