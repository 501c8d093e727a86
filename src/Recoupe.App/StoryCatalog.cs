using Recoupe.Core.Extraction;
using Recoupe.Core.Storage;
using Recoupe.Core.Text;

namespace Recoupe.App;

/// <summary>A story as a catalogue lists it: the stored story, its articles, and what the filters need.</summary>
public sealed record StoryEntry(StoredStory Story, IReadOnlyList<long> ArticleIds, IReadOnlyList<string> Languages, string FoldedText);

/// <summary>What story readers see: an immutable picture of the stored stories, published after each update.</summary>
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

/// <summary>The stores as a catalogue reads them, and a way to know that someone wrote to them.</summary>
public interface IStoryCatalogStores
{
    /// <summary>Runs <paramref name="read"/> on an article store of its own for the duration of the call.</summary>
    T ReadArticles<T>(Func<IArticleReadStore, T> read);

    /// <summary>Runs <paramref name="read"/> on a story store of its own for the duration of the call.</summary>
    T ReadStories<T>(Func<IStoryReadStore, T> read);

    /// <summary>A number that changes whenever any writer (this process or another) commits to the store.</summary>
    long Version();
}

/// <summary>
/// The stories kept in a store, as a server lists them: on the writer's thread each batch of new articles is grouped
/// (<see cref="StoryIndexer"/>, as <c>recoupe ingest</c> does) and a snapshot of the stories (with the languages and
/// titles the list filters on) is published for readers. A write by another process is noticed through
/// <see cref="IStoryCatalogStores.Version"/> when a reader asks, and the snapshot is read again first.
/// </summary>
public sealed class StoryCatalog(IStoryCatalogStores stores)
{
    private readonly object _publishGate = new();
    private volatile StorySnapshot _snapshot = StorySnapshot.NotReady;
    private long _publishedVersion;

    /// <summary>The last snapshot published, as it is.</summary>
    public StorySnapshot Snapshot => _snapshot;

    /// <summary>
    /// The stories as stored now: the snapshot is read again first when the store changed since it was taken. When
    /// reading fails, <paramref name="readFailed"/> is told and the last snapshot is the answer.
    /// </summary>
    public StorySnapshot Current(Action<Exception> readFailed)
    {
        var snapshot = _snapshot;
        // Before the writer's first update the stories may still be grouped: that answer stays "not ready".
        if (!snapshot.Ready || stores.Version() == Interlocked.Read(ref _publishedVersion)) return snapshot;
        try
        {
            lock (_publishGate)
            {
                // Requests that waited here while another one read the store find it up to date.
                if (stores.Version() != Interlocked.Read(ref _publishedVersion)) Publish();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            readFailed(e);
        }
        return _snapshot;
    }

    /// <summary>Groups the stored articles not grouped yet with <paramref name="indexer"/> (writer thread only), then publishes the stories.</summary>
    public StoryIndexRun Update(StoryIndexer indexer)
    {
        var run = indexer.Update();
        lock (_publishGate) Publish();
        return run;
    }

    /// <summary>Reads the stories on reader connections and publishes them (under <see cref="_publishGate"/>).</summary>
    private void Publish()
    {
        // The version is read first: a commit made while the stories are read is then seen as a change next time.
        var version = stores.Version();
        var articles = stores.ReadArticles(store => store.List()).ToDictionary(a => a.Id);
        var (assignments, stories) = stores.ReadStories(store => (store.Assignments(), store.List()));
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
