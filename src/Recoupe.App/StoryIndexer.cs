using System.Diagnostics;
using System.Globalization;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.App;

/// <summary>What a clustering run did.</summary>
/// <param name="Clustered">Articles added to the clusterer in this run.</param>
/// <param name="Stories">Live stories after the run.</param>
/// <param name="ChangedStories">Stories written (new or changed).</param>
/// <param name="Reclustered">Why every article was clustered again (no saved state, another model, a recluster), or null.</param>
/// <param name="Failures">Articles that could not be clustered: id and reason; the others went on.</param>
public sealed record StoryIndexRun(int Clustered, long Stories, int ChangedStories, int Merges, int Splits, string? Reclustered,
    IReadOnlyList<(long ArticleId, string Error)> Failures, TimeSpan Elapsed)
{
    /// <summary>What two grouping runs did together (a story changed in both counts twice); either may be null (did not run).</summary>
    public static StoryIndexRun? Combine(StoryIndexRun? first, StoryIndexRun? then) => first is null ? then : then is null ? first
        : new StoryIndexRun(first.Clustered + then.Clustered, then.Stories, first.ChangedStories + then.ChangedStories,
            first.Merges + then.Merges, first.Splits + then.Splits, first.Reclustered ?? then.Reclustered,
            [.. first.Failures, .. then.Failures], first.Elapsed + then.Elapsed);
}

/// <summary>
/// Keeps the stories of a store up to date. <see cref="Update"/> resumes the clusterer from its saved state and adds the
/// articles stored since (in id order, i.e. arrival order), then writes what changed and the new state in one
/// transaction; <see cref="Recluster"/> starts from nothing and replaces every story in one transaction. The saved
/// state's last article is the committed position: a command killed before its write leaves the articles above it
/// pending, and the next update groups them. Same articles in the same order give the same stories and ids, whichever
/// way they were reached. Given a <see cref="StoryPartition"/>, it groups that partition's articles only (the store
/// being that partition's): the same stories as an indexer given only those articles, in the same order.
/// </summary>
public sealed class StoryIndexer(IArticleReadStore articles, IStoryStore stories, StoryClusteringOptions? options = null,
    StoryPartition? partition = null)
{
    private readonly StoryClusteringOptions _options = options ?? StoryClusteringOptions.Default;
    private readonly StoryPartition _partition = partition ?? StoryPartition.All;

    // The clusterer of the last state this indexer wrote, and that state's position; null when it must be read again.
    private (StoryClusterer Clusterer, StoryIndexPosition Position)? _warm;

    /// <summary>Clusters the articles not clustered yet; reclusters everything when the saved state cannot be used.</summary>
    public StoryIndexRun Update()
    {
        // Another process may save a state while this one clusters from the one it read: its write is then refused
        // and the run starts again from the newer state (which already holds the other process's articles).
        for (var attempt = 1; ; attempt++)
        {
            var run = TryUpdate(out var conflict);
            if (!conflict) return run!;
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"stories: the saved clustering state kept changing under {MaxAttempts} attempts; run `recoupe recluster`");
        }
    }

    private const int MaxAttempts = 20;

    /// <summary>
    /// Groups the articles a killed or failed command stored but did not group (above the committed position), as
    /// <see cref="Update"/> would; null, without reading the saved state, when there are none.
    /// </summary>
    public StoryIndexRun? FinishPending() => stories.PendingArticles() > 0 ? Update() : null;

    private StoryIndexRun? TryUpdate(out bool conflict)
    {
        conflict = false;
        var clock = Stopwatch.StartNew();
        // A long-lived indexer (the queue's assigner) goes on with the clusterer it saved last when the store still
        // holds that state: reading the state back and rebuilding the clusterer from it each run cost more than
        // grouping a batch of 64 articles once the state reached megabytes (3.2 MB after 1,000 fr-news articles;
        // with this and one run an interval, `bench queue` with 1 worker went from 0.56× to 0.78× embedded).
        var warm = _warm;
        _warm = null;
        if (warm is not null && stories.LoadPosition() == warm.Value.Position)
        {
            var position = warm.Value.Position;
            warm.Value.Clusterer.IdRegistry = StoredStoryIds.For(stories);
            var next = Cluster(warm.Value.Clusterer, position.Articles, position.LastArticle);
            conflict = !stories.TryWrite(next.Changes, next.State, position.LastArticle);
            if (conflict) return null;
            _warm = (warm.Value.Clusterer, StoryIndexPosition.Of(next.State));
            return Result(next, null, clock);
        }
        var state = stories.LoadState();
        StoryClusterer clusterer;
        if (state is null)
        {
            if (stories.Count() != 0) return Recluster("no saved clustering state");
            clusterer = new StoryClusterer(_options);
        }
        else
        {
            try
            {
                using var buffer = new MemoryStream(state.State, writable: false);
                clusterer = StoryClusterer.Load(buffer, _options);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or OverflowException or OutOfMemoryException or ArgumentException)
            {
                return Recluster(e.Message);
            }
        }
        // The stories that left the clusterer's memory are in the store: a new id must not repeat theirs.
        clusterer.IdRegistry = StoredStoryIds.For(stories);
        var run = Cluster(clusterer, state?.Articles ?? 0, state?.LastArticle ?? 0);
        conflict = !stories.TryWrite(run.Changes, run.State, state?.LastArticle);
        if (conflict) return null;
        _warm = (clusterer, StoryIndexPosition.Of(run.State));
        return Result(run, null, clock);
    }

    /// <summary>Clusters every stored article again from nothing; former story ids that disappear redirect to the story that took most of their articles.</summary>
    public StoryIndexRun Recluster() => Recluster("recluster");

    private StoryIndexRun Recluster(string reason)
    {
        // A recluster rewrites everything: it does not compare states (the last one to finish wins, whole). The old
        // stories stay in place until the new ones replace them in one transaction.
        _warm = null;
        var clock = Stopwatch.StartNew();
        var before = stories.Assignments();
        var run = Cluster(new StoryClusterer(_options), 0, 0);

        var after = new Dictionary<long, string>();
        foreach (var story in run.Changes.Stories)
            foreach (var article in story.Articles)
                after[long.Parse(article, NumberStyles.None, CultureInfo.InvariantCulture)] = story.Id;
        var live = after.Values.ToHashSet(StringComparer.Ordinal);
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in before.GroupBy(kv => kv.Value, StringComparer.Ordinal))
        {
            if (live.Contains(group.Key)) continue;
            var target = group.Where(kv => after.ContainsKey(kv.Key)).GroupBy(kv => after[kv.Key], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            if (target is not null) redirects[group.Key] = target;
        }
        stories.Replace(run.Changes, run.State, redirects);
        return Result(run, reason, clock);
    }

    /// <summary>What one pass of the clusterer produced, not yet written.</summary>
    private sealed record ClusterPass(StoryChanges Changes, StoryIndexState State, int Added, List<(long, string)> Failures);

    /// <summary>Adds the articles stored after <paramref name="lastArticle"/>, in id order, and takes the changes and the new state.</summary>
    private ClusterPass Cluster(StoryClusterer clusterer, long clustered, long lastArticle)
    {
        var failures = new List<(long, string)>();
        var added = 0;
        foreach (var (id, input) in articles.StoryInputsAfter(lastArticle, _partition))
        {
            lastArticle = id;
            try
            {
                clusterer.Add(input);
                added++;
                clustered++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                failures.Add((id, e.Message));
            }
        }

        var changes = clusterer.TakeChanges();
        using var buffer = new MemoryStream();
        clusterer.Save(buffer);
        return new ClusterPass(changes, new StoryIndexState(clusterer.ModelKey, clustered, lastArticle, buffer.ToArray(), DateTime.UtcNow),
            added, failures);
    }

    private StoryIndexRun Result(ClusterPass run, string? reclustered, Stopwatch clock)
    {
        clock.Stop();
        var events = run.Changes.Events;
        return new StoryIndexRun(run.Added, stories.Count(), run.Changes.Stories.Count,
            events.Count(e => e.Kind == StoryEventKind.Merge), events.Count(e => e.Kind == StoryEventKind.Split),
            reclustered, run.Failures, clock.Elapsed);
    }
}
