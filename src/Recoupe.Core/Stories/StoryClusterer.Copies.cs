using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>
    /// Puts the article in the copy group of its nearest near-duplicate (MinHash estimate of Jaccard or containment at
    /// the configured levels), or in a new group of its own. Returns true when it is a copy.
    /// </summary>
    private bool AssignCopyGroup(ArticleRecord article, MatchingFeatures features, List<(int Term, double Weight)> topTerms)
    {
        // The distinct shingles as a sorted array: the signature takes each bin's least value, so the order is free, and
        // 8 bytes a shingle replace a hash set's 28 (its entries were 60 MB of a fr-news ingest's allocations).
        var shingles = features.Shingles.ToArray();
        Array.Sort(shingles);
        var unique = 0;
        foreach (var shingle in shingles)
            if (unique == 0 || shingles[unique - 1] != shingle) shingles[unique++] = shingle;
        var distinct = new ArraySegment<ulong>(shingles, 0, unique);
        article.ShingleCount = distinct.Count;
        var signature = MinHash.Signature(distinct);
        var bestGroup = -1;
        var bestSimilarity = 0.0;
        if (distinct.Count > 0)
        {
            var candidates = _nearDuplicates.Candidates(signature, _isLiveGroup);
            AddTermCandidates(topTerms, candidates);
            foreach (var candidate in candidates)
            {
                var group = _copyGroups[candidate];
                var jaccard = MinHash.Similarity(signature, group.Signature);
                var containment = MinHash.Containment(jaccard, distinct.Count, group.ShingleCount);
                if (jaccard < _options.CopyJaccard && containment < _options.CopyContainment) continue;
                // A containment read from a few agreeing MinHash slots is noise (a brief beside a long text): it counts
                // from MinContainmentSlots of them on.
                if (jaccard < _options.CopyJaccard && jaccard * MinHash.Size < MinContainmentSlots) continue;
                var similarity = Math.Max(jaccard, containment);
                if (similarity > bestSimilarity || (similarity == bestSimilarity && candidate < bestGroup))
                {
                    bestSimilarity = similarity;
                    bestGroup = candidate;
                }
            }
        }

        if (bestGroup >= 0)
        {
            var group = _copyGroups[bestGroup];
            group.Add(article);
            article.CopyGroup = bestGroup;
            _changedGroups.Add(bestGroup);
            // The first article is the earliest published; on a tie, the first to arrive.
            if (article.Day < group.OriginalDay)
            {
                group.Original = article.Seq;
                group.OriginalId = article.SourceId;
                group.OriginalDay = article.Day;
            }
            ScheduleRetirement(group);
            return true;
        }

        var created = new CopyGroupRecord
        {
            Index = _nextGroup++, Original = article.Seq, OriginalId = article.SourceId, OriginalDay = article.Day,
            Signature = signature, ShingleCount = distinct.Count,
        };
        created.Add(article);
        _copyGroups.Add(created.Index, created);
        ScheduleRetirement(created);
        article.CopyGroup = created.Index;
        if (distinct.Count > 0) _nearDuplicates.Add(signature, created.Index);
        return false;
    }

    private readonly Dictionary<int, int> _groupVotes = new();

    /// <summary>Agreeing MinHash slots (of <see cref="MinHash.Size"/>) below which a containment estimate is not trusted.</summary>
    private const int MinContainmentSlots = 8;

    /// <summary>How many copy groups found through the article's top terms are checked as possible originals.</summary>
    private const int TermCopyCandidates = 8;

    /// <summary>
    /// A short version of a long dispatch shares few of its shingles (low Jaccard), so the LSH buckets, made for
    /// Jaccard around the copy level, rarely bring them together; but it shares the dispatch's key terms. The copy
    /// groups of the recent articles posted under the most of the article's top terms are candidates too, judged by
    /// the containment estimate like the others.
    /// </summary>
    private void AddTermCandidates(List<(int Term, double Weight)> topTerms, List<int> candidates)
    {
        _groupVotes.Clear();
        foreach (var (term, _) in topTerms)
        {
            if (!_postings.TryGetValue(term, out var posting)) continue;
            foreach (var seq in posting.Items)
            {
                // Only articles of open stories vote, in groups not retired: what a closed story held is not looked at.
                if (!_articles.TryGetValue(seq, out var other) || _stories[other.Story].Closed || !_isLiveGroup(other.CopyGroup)) continue;
                _groupVotes[other.CopyGroup] = _groupVotes.GetValueOrDefault(other.CopyGroup) + 1;
            }
        }
        var ranked = _groupVotes.Where(v => v.Value >= 2).OrderByDescending(v => v.Value).ThenByDescending(v => v.Key)
            .Take(TermCopyCandidates).Select(v => v.Key);
        foreach (var group in ranked)
            if (!candidates.Contains(group)) candidates.Add(group);
    }

    /// <summary>The story of the article's nearest-in-time copy, when that copy is within the time window.</summary>
    private StoryRecord? CopyStoryInWindow(ArticleRecord article)
    {
        var group = _copyGroups[article.CopyGroup];
        StoryRecord? best = null;
        var bestGap = int.MaxValue;
        foreach (var member in group.Members)
        {
            if (member == article.Seq || !_articles.TryGetValue(member, out var other)) continue;
            var gap = Math.Abs(other.Day - article.Day);
            if (gap > _options.WindowDays || gap >= bestGap) continue;
            var story = _stories[Live(other.Story)];
            if (story.Closed) continue;
            bestGap = gap;
            best = story;
        }
        return best;
    }

    private static CopyGroupView ViewOf(CopyGroupRecord group) =>
        new(group.OriginalId, Enumerable.Range(0, group.Members.Count).Where(i => group.Members[i] != group.Original).Select(i => group.MemberIds[i]).ToList());

    /// <summary>
    /// Near-duplicates of each other. Holds its members' ids and the first article's day itself: its articles may leave
    /// memory with their closed stories while a late copy still joins the group.
    /// </summary>
    private sealed class CopyGroupRecord
    {
        public int Index;
        public int Original;
        public required string OriginalId;
        public int OriginalDay;
        /// <summary>Day of the latest member: the group retires when it falls behind the closing horizon.</summary>
        public int LastDay = int.MinValue;
        public bool Retired;
        public required uint[] Signature;
        public int ShingleCount;
        /// <summary>Member seqs in arrival order, and their ids.</summary>
        public List<int> Members { get; } = [];
        public List<string> MemberIds { get; } = [];

        public void Add(ArticleRecord article)
        {
            Members.Add(article.Seq);
            MemberIds.Add(article.SourceId);
            LastDay = Math.Max(LastDay, article.Day);
        }
    }
}
