namespace Recoupe.Core.Stories;

/// <summary>
/// Knows every story id issued before, including those of stories no longer in a clusterer's memory (closed, merged
/// away): a store. A new story id must not repeat one of them, so that the same articles in the same order keep giving
/// the same ids when old stories live only in the store.
/// </summary>
public interface IStoryIdRegistry
{
    /// <summary>True when <paramref name="storyId"/> names a story, or redirects to one.</summary>
    bool IsIssued(string storyId);
}
