using Recoupe.App;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;
using Recoupe.Tests.Support;
using static Recoupe.Tests.Stories.StoryStoreTests;

namespace Recoupe.Tests.Stories;

/// <summary>
/// A long-running watcher keeps its clusterer in memory between groupings (<see cref="StoryIndexer.KeepInMemory"/>):
/// it groups as an indexer reading the saved state at each update would, and reads that state again as soon as
/// another writer saved one.
/// </summary>
public sealed class ResidentClustererTests
{
    [Theory, SqliteStore, PostgresStore]
    public void A_clusterer_kept_in_memory_reads_the_saved_state_once_and_groups_as_a_recluster_does(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = new CountingStore(stores.OpenStories());
        var indexer = new StoryIndexer(articles, stories) { KeepInMemory = true };
        foreach (var document in new[] { Flood1, Strike1, Flood2, Strike2 })
        {
            articles.Add(document);
            indexer.Update().Clustered.Should().Be(1);
        }

        stories.StatesRead.Should().Be(1, "the first update finds no state; the three after go on from the clusterer in memory");
        var kept = stories.Assignments();
        kept.Values.Distinct().Should().HaveCount(2, "the flood and the strike");
        new StoryIndexer(articles, stories).Recluster();
        stories.Assignments().Should().BeEquivalentTo(kept);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_state_saved_by_another_process_is_read_again_instead_of_the_clusterer_in_memory(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = new CountingStore(stores.OpenStories());
        var indexer = new StoryIndexer(articles, stories) { KeepInMemory = true };
        articles.Add(Flood1);
        articles.Add(Strike1);
        indexer.Update();

        // Another process (its own connections) groups an article of its own: the state in memory is now behind.
        var otherArticles = stores.OpenArticles();
        otherArticles.Add(Flood2);
        new StoryIndexer(otherArticles, stores.OpenStories()).Update();
        articles.Add(Strike2);
        indexer.Update().Clustered.Should().Be(1, "only Strike2: Flood2 is in the state the other process saved");
        stories.StatesRead.Should().Be(2);

        var grouped = stories.Assignments();
        grouped.Should().HaveCount(4);
        new StoryIndexer(articles, stories).Recluster();
        stories.Assignments().Should().BeEquivalentTo(grouped);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_recluster_by_another_process_with_no_new_article_is_noticed(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = new CountingStore(stores.OpenStories());
        var indexer = new StoryIndexer(articles, stories) { KeepInMemory = true };
        articles.Add(Flood1);
        articles.Add(Strike1);
        indexer.Update();

        // Same last article as the state in memory, but a state of its own: the time it was written tells them apart.
        new StoryIndexer(stores.OpenArticles(), stores.OpenStories()).Recluster();
        articles.Add(Flood2);
        indexer.Update();
        stories.StatesRead.Should().Be(2);
    }

    /// <summary>A story store that counts how often the whole saved state is read.</summary>
    private sealed class CountingStore(IStoryStore inner) : IStoryStore
    {
        public int StatesRead { get; private set; }
        public StoryIndexState? LoadState()
        {
            StatesRead++;
            return inner.LoadState();
        }
        public (long LastArticle, string SavedAt)? SavedMark() => inner.SavedMark();
        public void Write(StoryChanges changes, StoryIndexState state) => inner.Write(changes, state);
        public bool TryWrite(StoryChanges changes, StoryIndexState state, long? expectedLastArticle) => inner.TryWrite(changes, state, expectedLastArticle);
        public void Clear() => inner.Clear();
        public void Replace(StoryChanges changes, StoryIndexState state, IReadOnlyDictionary<string, string> redirects) =>
            inner.Replace(changes, state, redirects);
        public long PendingArticles() => inner.PendingArticles();
        public IReadOnlyList<StoredStory> List(int? limit = null) => inner.List(limit);
        public long Count() => inner.Count();
        public StoredStory? Get(string id) => inner.Get(id);
        public IReadOnlyList<StoryMember> Members(string storyId) => inner.Members(storyId);
        public IReadOnlyList<StoredStoryEvent> Events(string storyId) => inner.Events(storyId);
        public IReadOnlyDictionary<long, string> Assignments() => inner.Assignments();
        public void AddRedirects(IReadOnlyDictionary<string, string> redirects) => inner.AddRedirects(redirects);
        public void Dispose() { }
    }
}
