using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// The story ids a story store knows (live, or redirecting), for a store that does not answer this itself: an id is
/// issued when the store resolves it. <see cref="SqliteStoryStore"/> answers directly.
/// </summary>
internal sealed class StoredStoryIds(IStoryStore stories) : IStoryIdRegistry
{
    public bool IsIssued(string storyId) => stories.Get(storyId) is not null;

    public static IStoryIdRegistry For(IStoryStore stories) => stories as IStoryIdRegistry ?? new StoredStoryIds(stories);
}
