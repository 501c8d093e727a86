using Recoupe.App;
using Recoupe.Core.Stories;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Stories;

/// <summary>Stories that closed live in the store only: the saved clustering state holds the open ones.</summary>
public sealed class StoryStoreMemoryTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("stories.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_closed_story_leaves_the_saved_state_and_the_store_still_answers_for_it()
    {
        using var articles = new SqliteArticleStore(Db);
        using var stories = new SqliteStoryStore(Db);
        var indexer = new StoryIndexer(articles, stories);
        var flood = new[] { articles.Add(StoryStoreTests.Flood1).ArticleId, articles.Add(StoryStoreTests.Flood2).ArticleId };
        indexer.Update();
        var floodStory = stories.Assignments()[flood[0]];

        // Eleven weeks on (the window is 30 days; a story closes after twice that without an article): a strike.
        var later = StoryStoreTests.March10.AddDays(75);
        articles.Add(StoryStoreTests.Article(StoryStoreTests.Strike1.Metadata.Title!, StoryStoreTests.Strike1.Text[(StoryStoreTests.Strike1.Metadata.Title!.Length + 2)..], later));
        indexer.Update();

        var stored = stories.Get(floodStory)!;
        stored.Closed.Should().BeTrue();
        stored.Size.Should().Be(2);
        stories.Members(floodStory).Select(m => m.ArticleId).Should().Equal(flood);

        using var state = new MemoryStream(stories.LoadState()!.State);
        var resumed = StoryClusterer.Load(state);
        resumed.Story(floodStory).Should().BeNull("a closed story is kept by the store, not by the clusterer's state");
        resumed.StoryOf(flood[0].ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().BeNull();
        resumed.OpenStoryCount.Should().Be(1);
        resumed.MemoryCounts.Stories.Should().Be(1);
    }

    [Fact]
    public void A_new_story_does_not_take_an_id_the_store_already_knows()
    {
        var first = new StoryClusterer();
        var id = first.Add(StoryInput.FromDocument("a", StoryStoreTests.Flood1)).StoryId;

        // Another clusterer whose store holds that id (a story that left memory): the same founder gets the next salt.
        var second = new StoryClusterer { IdRegistry = new KnownIds(id) };
        var other = second.Add(StoryInput.FromDocument("a", StoryStoreTests.Flood1)).StoryId;
        other.Should().NotBe(id);
        other.Should().MatchRegex("^s[0-9a-f]{12}$");
    }

    private sealed class KnownIds(params string[] ids) : IStoryIdRegistry
    {
        public bool IsIssued(string storyId) => ids.Contains(storyId);
    }
}
