using Recoupe.Core.Stories;

namespace Recoupe.Tests.Stories;

/// <summary>
/// What a store holds after writing a clusterer's changes in order (stories by id, redirects of former ids, events,
/// copy groups by first article), as <c>SqliteStoryStore</c> writes them; and the ids it knows, for new story ids.
/// </summary>
internal sealed class StoryLedger : IStoryIdRegistry
{
    public Dictionary<string, StoryView> Stories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);
    public List<StoryEvent> Events { get; } = [];
    public Dictionary<string, CopyGroupView> CopyGroups { get; } = new(StringComparer.Ordinal);

    public void Write(StoryChanges changes)
    {
        foreach (var (old, live) in changes.Redirects)
        {
            Stories.Remove(old);
            Redirects[old] = live;
            foreach (var key in Redirects.Where(r => r.Value == old).Select(r => r.Key).ToList()) Redirects[key] = live;
        }
        foreach (var story in changes.Stories)
        {
            Stories[story.Id] = story;
            Redirects.Remove(story.Id);
        }
        Events.AddRange(changes.Events);
        foreach (var group in changes.CopyGroups) CopyGroups[group.OriginalId] = group;
    }

    public bool IsIssued(string storyId) => Stories.ContainsKey(storyId) || Redirects.ContainsKey(storyId);

    /// <summary>Each article's story.</summary>
    public Dictionary<string, string> Assignments() =>
        Stories.Values.SelectMany(s => s.Articles.Select(a => (a, s.Id))).ToDictionary(x => x.a, x => x.Id, StringComparer.Ordinal);
}
