using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>
    /// Puts the article in the copy group of its nearest near-duplicate (MinHash estimate of Jaccard or containment at
    /// the configured levels), or in a new group of its own. Returns true when it is a copy.
    /// </summary>
    private bool AssignCopyGroup(ArticleRecord article, MatchingFeatures features)
    {
        var distinct = new HashSet<ulong>(features.Shingles);
        article.ShingleCount = distinct.Count;
        var signature = MinHash.Signature(distinct);
        var bestGroup = -1;
        var bestSimilarity = 0.0;
        if (distinct.Count > 0)
        {
            foreach (var candidate in _nearDuplicates.Candidates(signature))
            {
                var group = _copyGroups[candidate];
                var jaccard = MinHash.Similarity(signature, group.Signature);
                var containment = MinHash.Containment(jaccard, distinct.Count, group.ShingleCount);
                if (jaccard < _options.CopyJaccard && containment < _options.CopyContainment) continue;
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
