namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>Candidate stories that share the article's rarest terms, scored and ranked best first.</summary>
    private List<CandidateScore> ScoreCandidates(ArticleRecord article)
    {
        var overlap = new Dictionary<int, double>();
        var counted = new HashSet<int>();
        foreach (var (term, weight) in TopTerms(article, _options.IndexTermsPerArticle))
        {
            if (!_postings.TryGetValue(term, out var posting)) continue;
            counted.Clear();
            foreach (var seq in posting.Items)
            {
                var other = _articles[seq];
                if (Math.Abs(other.Day - article.Day) > _options.WindowDays) continue;
                var story = Live(other.Story);
                if (counted.Add(story)) overlap[story] = overlap.GetValueOrDefault(story) + weight;
            }
        }

        var candidates = overlap.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(_options.MaxCandidates).Select(kv => kv.Key).ToList();
        // The stories of the article's copies are candidates whatever their terms.
        foreach (var member in _copyGroups[article.CopyGroup].Members)
        {
            if (member == article.Seq) continue;
            var story = Live(_articles[member].Story);
            if (!candidates.Contains(story)) candidates.Add(story);
        }

        var articleNorm = ArticleNorm(article);
        var scored = new List<CandidateScore>(candidates.Count);
        foreach (var index in candidates)
        {
            var story = _stories[index];
            var gap = TimeGap(article.Day, story.MeanDay);
            if (gap > _options.WindowDays) continue;
            var cosine = CosineWithStory(article, articleNorm, story);
            var cohesion = CohesionFactor(story);
            scored.Add(new CandidateScore(story.Id, cosine * cohesion * TimeFactor(gap), cosine, gap)
            {
                Size = story.Members.Count,
                Cohesion = story.PairCount == 0 ? 1 : story.PairSum / story.PairCount,
            });
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.StoryId, b.StoryId));
        return scored;
    }

    /// <summary>
    /// A story of n articles with mean pairwise cosine ρ has a centroid of length √(n + n(n−1)ρ), so an article's cosine
    /// with it is meanLink · √(n / (1 + (n−1)ρ)), about meanLink / √ρ for a large story: a typical member of a loose
    /// story scores √ρ, and the threshold would let stories be as loose as ρ = θ². This factor puts max(ρ, ρ₀) in place
    /// of ρ (<see cref="StoryClusteringOptions.CohesionFloor"/>), which bounds how much a group's centroid can lower the
    /// bar compared with a single article. 1 when the story's cohesion reaches ρ₀.
    /// </summary>
    private double CohesionFactor(StoryRecord story) => CohesionFactor(story.Members.Count, story.PairCount == 0 ? 1 : story.PairSum / story.PairCount);

    private double CohesionFactor(int n, double rho)
    {
        var floor = _options.CohesionFloor;
        if (n < 2 || rho >= floor) return 1;
        return Math.Sqrt((1 + (n - 1) * Math.Max(rho, 0)) / (1 + (n - 1) * floor));
    }

    /// <summary>1 at no gap, 1/2 at <see cref="StoryClusteringOptions.DecayHalfDays"/>, then falling with the square of the gap.</summary>
    private double TimeFactor(double gapDays)
    {
        var x = gapDays / _options.DecayHalfDays;
        return 1.0 / (1.0 + x * x);
    }

    private static double TimeGap(double day, double otherDay) => Math.Abs(day - otherDay);

    /// <summary>Similarity of two stories: cosine of their centroids with cohesion floors, times the time factor of their time centroids.</summary>
    private double StoryLink(StoryRecord a, StoryRecord b)
    {
        var gap = TimeGap(a.MeanDay, b.MeanDay);
        if (gap > _options.WindowDays) return 0;
        var (small, large) = a.Centroid.Count <= b.Centroid.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (term, c) in small.Centroid)
        {
            if (!large.Centroid.TryGetValue(term, out var d)) continue;
            var idf = _terms.Idf(term);
            dot += c * d * idf * idf;
        }
        var norms = StoryNorm(a) * StoryNorm(b);
        if (norms == 0) return 0;
        return dot / norms * CohesionFactor(a) * CohesionFactor(b) * TimeFactor(gap);
    }

    private double CosineWithStory(ArticleRecord article, double articleNorm, StoryRecord story)
    {
        var storyNorm = StoryNorm(story);
        if (articleNorm == 0 || storyNorm == 0) return 0;
        double dot = 0;
        for (var i = 0; i < article.Terms.Length; i++)
        {
            if (!story.Centroid.TryGetValue(article.Terms[i], out var c)) continue;
            var idf = _terms.Idf(article.Terms[i]);
            dot += article.Weights[i] * c * idf * idf;
        }
        return dot / (articleNorm * storyNorm);
    }

    /// <summary>Cosine of two articles' TF-IDF vectors (sorted-array merge).</summary>
    private double ArticleCosine(ArticleRecord a, ArticleRecord b)
    {
        var norms = ArticleNorm(a) * ArticleNorm(b);
        if (norms == 0) return 0;
        double dot = 0;
        int i = 0, j = 0;
        var ta = a.Terms;
        var tb = b.Terms;
        while (i < ta.Length && j < tb.Length)
        {
            if (ta[i] < tb[j]) i++;
            else if (tb[j] < ta[i]) j++;
            else
            {
                var idf = _terms.Idf(ta[i]);
                dot += a.Weights[i] * b.Weights[j] * idf * idf;
                i++;
                j++;
            }
        }
        return dot / norms;
    }

    /// <summary>Length of the article's TF-IDF vector with current IDF; cached until N has grown 1 %.</summary>
    private double ArticleNorm(ArticleRecord article)
    {
        if (article.IdfNormDocuments > 0 && _terms.Documents <= article.IdfNormDocuments * 101 / 100 + 1) return article.IdfNorm;
        double sum = 0;
        for (var i = 0; i < article.Terms.Length; i++)
        {
            var w = article.Weights[i] * _terms.Idf(article.Terms[i]);
            sum += w * w;
        }
        article.IdfNorm = Math.Sqrt(sum);
        article.IdfNormDocuments = _terms.Documents;
        return article.IdfNorm;
    }

    /// <summary>Length of the story centroid with current IDF; cached until the story changes or N has grown 1 %.</summary>
    private double StoryNorm(StoryRecord story)
    {
        if (!story.NormDirty && _terms.Documents <= story.NormDocuments * 101 / 100 + 1) return story.Norm;
        double sum = 0;
        foreach (var (term, c) in story.Centroid)
        {
            var w = c * _terms.Idf(term);
            sum += w * w;
        }
        story.Norm = Math.Sqrt(sum);
        story.NormDocuments = _terms.Documents;
        story.NormDirty = false;
        return story.Norm;
    }
}
