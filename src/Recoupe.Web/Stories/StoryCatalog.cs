using System.Diagnostics;
using Recoupe.Core.Extraction;
using Recoupe.Core.Storage;
using Recoupe.Core.Text;
using Recoupe.Store.Sqlite;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Stories;

/// <summary>A story as the server lists it: the stored story, its articles, and what the filters need.</summary>
public sealed record StoryEntry(StoredStory Story, IReadOnlyList<long> ArticleIds, IReadOnlyList<string> Languages, string FoldedText);

/// <summary>What story readers see: an immutable picture of the stored stories, published by the writer after each update.</summary>
public sealed class StorySnapshot
{
    public static StorySnapshot NotReady { get; } = new([], ready: false);

    public StorySnapshot(IReadOnlyList<StoryEntry> stories, bool ready)
    {
        Stories = stories;
        Ready = ready;
        ById = stories.ToDictionary(s => s.Story.Id, StringComparer.Ordinal);
    }

    /// <summary>Newest first (by last date), then largest, then id: the order of the story list.</summary>
    public IReadOnlyList<StoryEntry> Stories { get; }
    public IReadOnlyDictionary<string, StoryEntry> ById { get; }
    public bool Ready { get; }
}

/// <summary>
/// The server's side of the stories kept in the store (<see cref="StoryIndexer"/>, the same as <c>recoupe ingest</c>
/// and <c>recoupe stories</c>): on the writer thread, each batch of new articles is clustered and saved, then a
/// snapshot of the stories (with the languages and titles the list filters on) is published for readers. Another
/// process writing to the same store (<c>recoupe ingest</c>, <c>recluster</c>) is noticed by <see cref="StoreChanges"/>
/// when a reader asks, and the snapshot is read again first.
/// </summary>
public sealed class StoryCatalog(WriteStore writer, ReadStores readers, StoreChanges changes, ILogger<StoryCatalog> log)
{
    private readonly object _publishGate = new();
    private volatile StorySnapshot _snapshot = StorySnapshot.NotReady;
    private long _publishedVersion;

    /// <summary>The last snapshot published, as it is.</summary>
    public StorySnapshot Snapshot => _snapshot;

    /// <summary>The stories as stored now: the snapshot is read again first when the store changed since it was taken.</summary>
    public StorySnapshot Current()
    {
        var snapshot = _snapshot;
        // Before the writer's first update the stories may still be grouped: that answer stays "not ready".
        if (!snapshot.Ready || changes.Version() == Interlocked.Read(ref _publishedVersion)) return snapshot;
        try
        {
            lock (_publishGate)
            {
                // Requests that waited here while another one read the store find it up to date.
                if (changes.Version() != Interlocked.Read(ref _publishedVersion)) Publish();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "stories: reading the stories again failed; answering with the last ones read");
        }
        return _snapshot;
    }

    /// <summary>Clusters the stored articles not clustered yet, saves the stories and publishes them (writer thread only).</summary>
    public void Update()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var run = new StoryIndexer(writer.Store, writer.Stories).Update();
            foreach (var (articleId, error) in run.Failures)
                log.LogWarning("stories: article {Article} not clustered: {Error}", articleId, error);
            if (run.Reclustered is { } why) log.LogInformation("stories: every article clustered again ({Reason})", why);
            lock (_publishGate) Publish();
            if (run.Clustered > 100)
                log.LogInformation("stories: {Articles} articles clustered in {Seconds:0.0} s", run.Clustered, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The articles are stored whatever happens here; the next batch (or `recoupe recluster`) catches up.
            log.LogError(e, "stories: update failed; the articles are stored");
        }
    }

    /// <summary>Reads the stories on reader connections and publishes them (under <see cref="_publishGate"/>).</summary>
    private void Publish()
    {
        // The version is read first: a commit made while the stories are read is then seen as a change next time.
        var version = changes.Version();
        var articles = readers.Read(store => store.List()).ToDictionary(a => a.Id);
        var (assignments, stories) = readers.ReadStories(store => (store.Assignments(), store.List()));
        var members = assignments
            .GroupBy(a => a.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Key)
                .OrderBy(id => articles.TryGetValue(id, out var a) ? a.Published : null).ThenBy(id => id).ToList(), StringComparer.Ordinal);

        var entries = new List<StoryEntry>();
        foreach (var story in stories)
        {
            var ids = members.TryGetValue(story.Id, out var found) ? found : [];
            var summaries = ids.Select(id => articles.GetValueOrDefault(id)).OfType<ArticleSummary>().ToList();
            var languages = summaries.Select(a => a.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var text = string.Join(' ', new[] { story.Label, story.Headline }
                .Concat(story.KeyEntities).Concat(story.KeyWords).Concat(summaries.Select(a => a.Title ?? "")));
            entries.Add(new StoryEntry(story, ids, languages, TextFolding.Fold(text)));
        }
        entries.Sort((a, b) =>
        {
            var byDate = Nullable.Compare(b.Story.LastDate, a.Story.LastDate);
            if (byDate != 0) return byDate;
            var bySize = b.Story.Size.CompareTo(a.Story.Size);
            return bySize != 0 ? bySize : string.CompareOrdinal(a.Story.Id, b.Story.Id);
        });
        _snapshot = new StorySnapshot(entries, ready: true);
        Interlocked.Exchange(ref _publishedVersion, version);
    }
}
