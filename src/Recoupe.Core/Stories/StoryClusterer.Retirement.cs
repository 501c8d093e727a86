namespace Recoupe.Core.Stories;

/// <summary>
/// Memory bounded by the open stories. What can no longer change a decision leaves memory once its changes are taken
/// (<see cref="TakeChanges"/>), and the store keeps it:
/// <list type="bullet">
/// <item>a closed story, its articles (ids, titles, vectors) and its label; a story merged away (its redirect);</item>
/// <item>a copy group whose latest article is older than the closing horizon (twice the time window): it retires at
/// that horizon, so a copy arriving later starts a group of its own;</item>
/// <item>posting lists whose articles all belong to closed stories, and the near-duplicate buckets' entries of retired
/// groups (compacted when they make up half of the entries).</item>
/// </list>
/// Every decision reads only open stories, their articles and live groups, so when records leave does not change what
/// the clusterer decides: the same articles in the same order give the same stories and ids whether changes are taken
/// after every article or never. What stays grows with the articles of the last two windows and with the vocabulary
/// (term ids and document frequencies: Heaps' law, sub-linear in the articles).
/// </summary>
public sealed partial class StoryClusterer
{
    /// <summary>
    /// The store's knowledge of the story ids issued before (a story id must not repeat one that left memory); null
    /// when every story this clusterer made is still in memory, or when only this clusterer's own ids matter.
    /// </summary>
    public IStoryIdRegistry? IdRegistry { get; set; }

    /// <summary>Copy groups by the day of their latest article (stale entries are skipped when they come out).</summary>
    private readonly PriorityQueue<int, int> _groupExpiry = new();
    private readonly List<int> _retiredGroups = [];
    /// <summary>Stories closed or merged away since changes were last taken: they leave memory then.</summary>
    private readonly List<int> _leaving = [];
    private int _retiredSinceCompaction;
    private int _closedSincePrune;
    private Func<int, bool>? _liveGroupTest;

    /// <summary>Copy groups that may take a new copy: known and not retired.</summary>
    private Func<int, bool> _isLiveGroup => _liveGroupTest ??= group => _copyGroups.TryGetValue(group, out var g) && !g.Retired;

    /// <summary>Articles, copy groups and stories in memory (diagnostics for the scale benchmark).</summary>
    public (int Articles, int Stories, int CopyGroups, int Postings, int Terms, int NearDuplicateEntries) MemoryCounts =>
        (_articles.Count, _stories.Count, _copyGroups.Count, _postings.Count, _terms.Count, _nearDuplicates.EntryCount);

    private void ScheduleRetirement(CopyGroupRecord group) => _groupExpiry.Enqueue(group.Index, group.LastDay);

    /// <summary>Retires the copy groups whose latest article fell behind the closing horizon; compacts what they leave behind.</summary>
    private void RetireQuietCopyGroups()
    {
        var cutoff = _latestDay - 2 * _options.WindowDays;
        while (_groupExpiry.TryPeek(out var index, out var day) && day < cutoff)
        {
            _groupExpiry.Dequeue();
            if (!_copyGroups.TryGetValue(index, out var group) || group.Retired || group.LastDay != day) continue;
            group.Retired = true;
            _retiredGroups.Add(index);
            _retiredSinceCompaction++;
        }
        // Both clean-ups drop only what no decision reads; their cost is amortised over what they drop.
        if (_retiredSinceCompaction >= Math.Max(1024, _copyGroups.Count))
        {
            _nearDuplicates.Compact(_isLiveGroup);
            _retiredSinceCompaction = 0;
        }
        if (_closedSincePrune >= Math.Max(4096, _postings.Count))
        {
            PrunePostings();
            _closedSincePrune = 0;
        }
    }

    /// <summary>Drops the posting lists that hold only articles of closed stories (lookups skip those articles anyway).</summary>
    private void PrunePostings()
    {
        var dead = new List<int>();
        foreach (var (term, posting) in _postings)
        {
            var live = false;
            foreach (var seq in posting.Items)
            {
                if (!_articles.TryGetValue(seq, out var article) || _stories[article.Story].Closed) continue;
                live = true;
                break;
            }
            if (!live) dead.Add(term);
        }
        foreach (var term in dead) _postings.Remove(term);
    }

    /// <summary>After changes are taken: closed stories with their articles, stories merged away and retired groups leave memory.</summary>
    private void ForgetTaken()
    {
        foreach (var index in _leaving)
        {
            if (!_stories.TryGetValue(index, out var story) || (story.Alive && !story.Closed)) continue;
            _stories.Remove(index);
            _storyById.Remove(story.Id);
            foreach (var m in story.Members)
                if (_articles.Remove(m, out var article)) _articleBySourceId.Remove(article.SourceId);
        }
        _leaving.Clear();
        foreach (var index in _retiredGroups) _copyGroups.Remove(index);
        _retiredGroups.Clear();
    }
}
