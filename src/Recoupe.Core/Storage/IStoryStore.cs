using Recoupe.Core.Stories;

namespace Recoupe.Core.Storage;

/// <summary>A story as the store keeps it (see <see cref="StoryView"/>).</summary>
public sealed record StoredStory(
    string Id,
    string Label,
    string Headline,
    IReadOnlyList<string> KeyEntities,
    IReadOnlyList<string> KeyWords,
    int Size,
    IReadOnlyList<string> Outlets,
    DateOnly? FirstDate,
    DateOnly? LastDate,
    bool Closed);

/// <summary>One article of a story: its place in the story, and the first article of its copy group when it is a copy.</summary>
public sealed record StoryMember(long ArticleId, int Position, DateTime? Published, string? Outlet, string? Title, long? CopyOf);

/// <summary>A merge or a split as stored; article ids are the store's.</summary>
public sealed record StoredStoryEvent(int Sequence, StoryEventKind Kind, IReadOnlyList<string> From, string Into,
    IReadOnlyList<long> Moved, long? TriggeredBy, DateTime At);

/// <summary>The saved clusterer state: its model key, how many articles it has seen and the highest article id among them.</summary>
public sealed record StoryIndexState(string Model, long Articles, long LastArticle, byte[] State, DateTime SavedAt);

/// <summary>Reads the stories kept beside the articles.</summary>
public interface IStoryReadStore
{
    /// <summary>
    /// Stored articles not grouped yet: those above the committed position (<see cref="StoryIndexState.LastArticle"/>
    /// of the saved state, written in the same transaction as the stories), e.g. left by a command killed before its
    /// grouping committed.
    /// </summary>
    long PendingArticles();

    /// <summary>Stories by last date (newest first), then id; all when <paramref name="limit"/> is null.</summary>
    IReadOnlyList<StoredStory> List(int? limit = null);

    long Count();

    /// <summary>
    /// A story by id — a former id resolves through the redirects, and a unique prefix of at least 4 characters is
    /// enough — or null.
    /// </summary>
    StoredStory? Get(string id);

    /// <summary>The story's articles, in story order.</summary>
    IReadOnlyList<StoryMember> Members(string storyId);

    /// <summary>Merges and splits that involved the story, in order.</summary>
    IReadOnlyList<StoredStoryEvent> Events(string storyId);

    /// <summary>Which story each clustered article belongs to.</summary>
    IReadOnlyDictionary<long, string> Assignments();
}

/// <summary>
/// Writes the clusterer's results (stories, members, copies, merge and split events, redirects of former ids) and its
/// saved state. Every write is one transaction.
/// </summary>
public interface IStoryWriteStore
{
    StoryIndexState? LoadState();

    /// <summary>Writes what changed in a clustering run together with the clusterer state that produced it.</summary>
    void Write(StoryChanges changes, StoryIndexState state);

    /// <summary>
    /// Writes like <see cref="Write"/>, but only when the saved state is still the one the run started from (its last
    /// article is <paramref name="expectedLastArticle"/>; null when the run started from no state): returns false and
    /// writes nothing when another writer saved a state in between, so that the caller starts again from that one.
    /// </summary>
    bool TryWrite(StoryChanges changes, StoryIndexState state, long? expectedLastArticle);

    /// <summary>Forgets every story (before a recluster); redirects are kept.</summary>
    void Clear();

    /// <summary>
    /// Puts a whole clustering run from nothing (a recluster) in place of every story, in one transaction: its stories,
    /// its state and the redirects of former ids that disappear, so that a command killed on the way leaves either the
    /// old stories or the new ones, never none.
    /// </summary>
    void Replace(StoryChanges changes, StoryIndexState state, IReadOnlyDictionary<string, string> redirects);

    /// <summary>Adds redirects (former id → live story), replacing earlier targets of those ids.</summary>
    void AddRedirects(IReadOnlyDictionary<string, string> redirects);
}

/// <summary>Where stories live beside the articles, in both roles.</summary>
public interface IStoryStore : IStoryReadStore, IStoryWriteStore, IDisposable;
