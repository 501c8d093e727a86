using Recoupe.Core.Storage;
using Recoupe.Core.Stories;

namespace Recoupe.App;

/// <summary>
/// The story ids a story store knows (live, or redirecting), for a store that does not answer this itself: an id is
/// issued when the store resolves it. The SQLite story store answers directly.
/// </summary>
internal sealed class StoredStoryIds(IStoryReadStore stories) : IStoryIdRegistry
{
    public bool IsIssued(string storyId) => stories.Get(storyId) is not null;

    public static IStoryIdRegistry For(IStoryReadStore stories) => stories as IStoryIdRegistry ?? new StoredStoryIds(stories);
}
