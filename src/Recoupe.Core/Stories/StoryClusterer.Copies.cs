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
        var distinct = new HashSet<ulong>(features.Shingles);
        article.ShingleCount = distinct.Count;
        var signature = MinHash.Signature(distinct);
        var bestGroup = -1;
        var bestSimilarity = 0.0;
        if (distinct.Count > 0)
        {
            var candidates = _nearDuplicates.Candidates(signature);
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
            group.Members.Add(article.Seq);
            article.CopyGroup = bestGroup;
            _changedGroups.Add(bestGroup);
            // The first article is the earliest published; on a tie, the first to arrive.
            if (article.Day < _articles[group.Original].Day) group.Original = article.Seq;
            return true;
        }

        var created = new CopyGroupRecord { Index = _copyGroups.Count, Original = article.Seq, Signature = signature, ShingleCount = distinct.Count };
        created.Members.Add(article.Seq);
        _copyGroups.Add(created);
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
                var group = _articles[seq].CopyGroup;
                _groupVotes[group] = _groupVotes.GetValueOrDefault(group) + 1;
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
            if (member == article.Seq) continue;
            var other = _articles[member];
            var gap = Math.Abs(other.Day - article.Day);
            if (gap > _options.WindowDays || gap >= bestGap) continue;
            var story = _stories[Live(other.Story)];
            if (story.Closed) continue;
            bestGap = gap;
            best = story;
        }
        return best;
    }

    private CopyGroupView ViewOf(CopyGroupRecord group) =>
        new(_articles[group.Original].SourceId, group.Members.Where(m => m != group.Original).Select(m => _articles[m].SourceId).ToList());

    private sealed class CopyGroupRecord
    {
        public int Index;
        public int Original;
        public required uint[] Signature;
        public int ShingleCount;
        public List<int> Members { get; } = [];
    }
}
