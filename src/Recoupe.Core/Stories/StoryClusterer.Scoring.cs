namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    private readonly Dictionary<int, double> _overlap = new();
    private readonly Dictionary<int, double> _byConcept = new();
    private readonly HashSet<int> _counted = new();

    /// <summary>Open stories that share the article's highest-weighted terms, scored and ranked best first.</summary>
    private List<CandidateScore> ScoreCandidates(ArticleRecord article, List<(int Term, double Weight)> topTerms)
    {
        _overlap.Clear();
        foreach (var (term, weight) in topTerms)
        {
            if (!_postings.TryGetValue(term, out var posting)) continue;
            _counted.Clear();
            foreach (var seq in posting.Items)
            {
                // An article no longer in memory belonged to a closed story.
                if (!_articles.TryGetValue(seq, out var other)) continue;
                if (Math.Abs(other.Day - article.Day) > _options.WindowDays) continue;
                var story = Live(other.Story);
                if (_stories[story].Closed) continue;
                if (_counted.Add(story)) _overlap[story] = _overlap.GetValueOrDefault(story) + weight;
            }
        }

        var candidates = new List<(int Story, double Overlap)>(_overlap.Count);
        foreach (var (story, overlap) in _overlap) candidates.Add((story, overlap));
        candidates.Sort((a, b) => b.Overlap != a.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.Story.CompareTo(b.Story));
        if (candidates.Count > _options.MaxCandidates) candidates.RemoveRange(_options.MaxCandidates, candidates.Count - _options.MaxCandidates);
        // The stories of the article's copies are candidates whatever their terms.
        foreach (var member in _copyGroups[article.CopyGroup].Members)
        {
            if (member == article.Seq || !_articles.TryGetValue(member, out var copy)) continue;
            var story = Live(copy.Story);
            if (!_stories[story].Closed && !candidates.Exists(c => c.Story == story)) candidates.Add((story, 0));
        }

        var articleNorm = ArticleNorm(article);
        var scored = new List<CandidateScore>(candidates.Count);
        foreach (var (index, _) in candidates)
        {
            var story = _stories[index];
            var gap = TimeGap(article.Day, story.MeanDay);
            if (gap > _options.WindowDays) continue;
            var cosine = CosineWithStory(article, articleNorm, story);
            var score = cosine * CohesionFactor(story) * TimeFactor(gap);
            var share = score >= _options.JoinThreshold * Math.Min(1, Math.Min(_options.HeadlineNameShare, _options.HeadlineNameAndWordShare)) ? TopConceptShare(article.Terms!, article.Weights!, story.CentroidTerms!, story.CentroidValues!) : 1;
            scored.Add(new CandidateScore(story.Id, score, cosine, gap)
            {
                Size = story.Members.Count,
                Cohesion = story.Cohesion,
                TopConceptShare = share,
            });
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.StoryId, b.StoryId));
        return scored;
    }

    /// <summary>
    /// A story of n articles with mean pairwise cosine ρ has a centroid of length √(n + n(n−1)ρ), so an article's cosine
    /// with it is meanLink · √(n / (1 + (n−1)ρ)), about meanLink / √ρ for a large story: a typical member of a loose
    /// story scores √ρ, and the threshold alone would let stories be as loose as ρ = θ². This factor puts max(ρ, ρ₀) in
    /// place of ρ (<see cref="StoryClusteringOptions.CohesionFloor"/>), which bounds how much a group's centroid can
    /// lower the bar compared with a single article. 1 when the story's cohesion reaches ρ₀.
    /// </summary>
    private double CohesionFactor(StoryRecord story) => CohesionFactor(story.Members.Count, story.Cohesion);

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
        if (gap > _options.WindowDays || a.Closed || b.Closed) return 0;
        var norms = StoryNorm(a) * StoryNorm(b);
        if (norms == 0) return 0;
        var dot = Dot(a.CentroidTerms!, a.CentroidValues!, b.CentroidTerms!, b.CentroidValues!) * a.CentroidScale * b.CentroidScale;
        return dot / norms * CohesionFactor(a) * CohesionFactor(b) * TimeFactor(gap);
    }

    private double CosineWithStory(ArticleRecord article, double articleNorm, StoryRecord story)
    {
        var storyNorm = StoryNorm(story);
        if (articleNorm == 0 || storyNorm == 0) return 0;
        var dot = Dot(article.Terms!, article.Weights!, story.CentroidTerms!, story.CentroidValues!) * story.CentroidScale;
        return dot / (articleNorm * storyNorm);
    }

    /// <summary>Cosine of two articles' TF-IDF vectors; 0 when either has been archived.</summary>
    private double ArticleCosine(ArticleRecord a, ArticleRecord b)
    {
        if (a.Archived || b.Archived) return 0;
        var norms = ArticleNorm(a) * ArticleNorm(b);
        return norms == 0 ? 0 : Dot(a.Terms!, a.Weights!, b.Terms!, b.Weights!) / norms;
    }

    /// <summary>
    /// IDF²-weighted dot product of two sorted sparse vectors: a merge when their lengths are alike, a binary search of
    /// the short one's terms in the long one otherwise (a short article against a long story centroid).
    /// </summary>
    private double Dot(int[] aTerms, float[] aValues, int[] bTerms, float[] bValues)
    {
        if (aTerms.Length > bTerms.Length) return Dot(bTerms, bValues, aTerms, aValues);
        double dot = 0;
        if (bTerms.Length > 8 * aTerms.Length)
        {
            var from = 0;
            for (var i = 0; i < aTerms.Length && from < bTerms.Length; i++)
            {
                var k = SparseVector.Find(bTerms, from, aTerms[i]);
                if (k < 0)
                {
                    from = ~k;
                    continue;
                }
                var idf = _terms.Idf(aTerms[i]);
                dot += aValues[i] * bValues[k] * idf * idf;
                from = k + 1;
            }
            return dot;
        }
        int x = 0, y = 0;
        while (x < aTerms.Length && y < bTerms.Length)
        {
            var ta = aTerms[x];
            var tb = bTerms[y];
            if (ta < tb) x++;
            else if (tb < ta) y++;
            else
            {
                var idf = _terms.Idf(ta);
                dot += aValues[x] * bValues[y] * idf * idf;
                x++;
                y++;
            }
        }
        return dot;
    }

    /// <summary>
    /// A similarity is evidence of one story only when it does not rest on one thing: with its largest shared concept
    /// (a name in all its spellings, or one word) taken out, what is left must still reach
    /// <see cref="StoryClusteringOptions.EvidenceBeyondTopConcept"/> of the join threshold. Two articles that only share
    /// the name of the person everyone writes about that week are two stories about that person.
    /// </summary>
    private bool Supported(double score, double topConceptShare) => Supported(score, topConceptShare, _options.JoinThreshold);

    private bool Supported(double score, double topConceptShare, double bar) => Supported(score, topConceptShare, bar, bar);

    private bool Supported(double score, double topConceptShare, double bar, double evidenceBar) =>
        score >= bar && score * (1 - topConceptShare) >= evidenceBar * _options.EvidenceBeyondTopConcept;

    private readonly HashSet<int> _headlineNames = new();
    private readonly HashSet<int> _headlineShared = new();

    /// <summary>
    /// The lower bars of <see cref="StoryClusteringOptions.HeadlineNameShare"/> and
    /// <see cref="StoryClusteringOptions.HeadlineNameAndWordShare"/>: reports of one event from two outlets share few
    /// words (each tells it its own way) but their headlines name the same place, person or organisation the same days,
    /// often with the same word for what happened. A name in a headline says what the article is about, where a name in
    /// the body may be background.
    /// </summary>
    private bool JoinsOnHeadlineName(ArticleRecord article, CandidateScore candidate)
    {
        if (candidate.GapDays > _options.HeadlineNameDays) return false;
        var shared = MostHeadlineConceptsShared(article, _stories[_storyById[candidate.StoryId]]);
        if (shared == 0) return false;
        var nameBar = _options.JoinThreshold * _options.HeadlineNameShare;
        var bar = shared >= 2 ? Math.Min(nameBar, _options.JoinThreshold * _options.HeadlineNameAndWordShare) : nameBar;
        // The name alone is not enough: the rest must still be evidence at the name's bar (see Supported). A word the
        // headlines share lowers the bar for the similarity, not for that evidence: a place's usual word for what
        // happens there ("bombing" with a country at war) is in the headlines of many of its events.
        var evidenceBar = _options.HeadlineEvidenceConcepts > 0 && shared >= _options.HeadlineEvidenceConcepts ? bar : nameBar;
        return Supported(candidate.Score, candidate.TopConceptShare, bar, evidenceBar);
    }

    /// <summary>The most concepts the article's headline shares with the headline of one of the story's recent articles (see <see cref="SharedHeadlineConcepts"/>).</summary>
    private int MostHeadlineConceptsShared(ArticleRecord article, StoryRecord story)
    {
        var most = 0;
        for (var k = story.Members.Count - 1; k >= Math.Max(0, story.Members.Count - RecentWindow); k--)
            if (story.Members[k] != article.Seq) most = Math.Max(most, SharedHeadlineConcepts(article, _articles[story.Members[k]]));
        return most;
    }

    /// <summary>
    /// How many concepts the two articles' headlines share, when one of them is a place, person or organisation (one name
    /// concept) and the articles are within <see cref="StoryClusteringOptions.HeadlineNameDays"/>; 0 otherwise.
    /// </summary>
    private int SharedHeadlineConcepts(ArticleRecord a, ArticleRecord b)
    {
        if (Math.Abs(a.Day - b.Day) > _options.HeadlineNameDays || a.TitleConcepts is not { Length: > 0 } || b.TitleConcepts is not { Length: > 0 }) return 0;
        _headlineNames.Clear();
        _headlineShared.Clear();
        foreach (var c in a.TitleConcepts) _headlineNames.Add(_terms.ConceptOf(c));
        var name = false;
        foreach (var c in b.TitleConcepts)
        {
            var concept = _terms.ConceptOf(c);
            if (!_headlineNames.Contains(concept) && !RelatedToAny(concept, _headlineNames) || !_headlineShared.Add(concept)) continue;
            name |= _terms.IsEntity(concept);
        }
        return name ? _headlineShared.Count : 0;
    }

    /// <summary>True when the thesaurus lever relates <paramref name="concept"/> to one of <paramref name="concepts"/> (see <see cref="HeadlineWordsRelated"/>).</summary>
    private bool RelatedToAny(int concept, HashSet<int> concepts)
    {
        if (!_options.HeadlineThesaurus) return false;
        foreach (var other in concepts)
            if (HeadlineWordsRelated(concept, other)) return true;
        return false;
    }

    private readonly Dictionary<int, int> _headlineCounts = new();
    private readonly HashSet<int> _headlineCore = new();

    /// <summary>
    /// A headline says what an article is about. Groups of articles meet when a headline of one shares a concept with
    /// the headline core of the other (see <see cref="HeadlineCore"/>), either way: an article whose headline speaks of
    /// something else than the story's headlines do is about something else, whatever its body mentions (a reaction
    /// abroad, a campaign piece that recalls the week's events). True as well when either side has no headline.
    /// </summary>
    private bool HeadlinesMeet(IReadOnlyList<int> aMembers, IReadOnlyList<int> bMembers, bool firmly = false) =>
        HeadlineReaches(aMembers, bMembers, firmly) || HeadlineReaches(bMembers, aMembers, firmly);

    /// <summary>
    /// True when a headline of <paramref name="from"/> shares a concept with the headline core of <paramref name="to"/>;
    /// <paramref name="firmly"/>: a name or at least two concepts. Two stories merge only on firm ground: one common
    /// word ("postponement") in the headline of the article that bridges them is how two subjects get chained.
    /// </summary>
    private bool HeadlineReaches(IReadOnlyList<int> from, IReadOnlyList<int> to, bool firmly = false)
    {
        if (!HeadlineCore(to)) return true;
        var any = false;
        foreach (var m in from)
        {
            if (_articles[m].TitleConcepts is not { Length: > 0 } concepts) continue;
            any = true;
            var shared = 0;
            foreach (var c in concepts)
            {
                if (!_headlineCore.Contains(c) && !RelatedToAny(c, _headlineCore)) continue;
                if (!firmly || _terms.IsEntity(c) || ++shared >= 2) return true;
            }
        }
        return !any;
    }

    /// <summary>
    /// Fills <see cref="_headlineCore"/> with what a group's headlines repeat: the concepts found in at least two of them,
    /// or all of them when no concept repeats (a story of one article). False when the group has no headline.
    /// </summary>
    private bool HeadlineCore(IReadOnlyList<int> members)
    {
        _headlineCounts.Clear();
        _headlineCore.Clear();
        foreach (var m in members)
            if (_articles[m].TitleConcepts is { } concepts)
                foreach (var c in concepts) _headlineCounts[c] = _headlineCounts.GetValueOrDefault(c) + 1;
        foreach (var (c, n) in _headlineCounts)
            if (n >= 2) _headlineCore.Add(c);
        if (_headlineCore.Count == 0) _headlineCore.UnionWith(_headlineCounts.Keys);
        return _headlineCore.Count > 0;
    }

    private readonly List<(int Term, double Weight)> _ranking = new();
    private readonly List<int> _subject = new();
    private readonly HashSet<int> _themes = new();

    /// <summary>
    /// What an article is mainly about must be among what the story is about: one of the article's
    /// <see cref="StoryClusteringOptions.SubjectConcepts"/> heaviest names (TF-IDF; its heaviest words when it names
    /// nobody — names, unlike words, are the same in every language) must be among the story's
    /// <see cref="StoryClusteringOptions.StoryThemeConcepts"/> heaviest. An article about an Iranian speaker who condemns a
    /// killing abroad shares much with the story of that killing, but its subject (the speaker, his parliament) is not in it.
    /// </summary>
    private bool SubjectInStory(int[] aTerms, float[] aValues, int[] storyTerms, float[] storyValues, int[]? headline = null)
    {
        TopConcepts(aTerms, aValues, _options.SubjectConcepts, _subject, entitiesOnly: true);
        if (_subject.Count == 0) TopConcepts(aTerms, aValues, _options.SubjectConcepts, _subject);
        var subject = _subject.ToList();
        // The most mentioned name is the subject too, however common, when the headline names it: among few articles
        // IDF cannot tell the subject from the names every article repeats.
        if (headline is not null)
        {
            TopConcepts(aTerms, aValues, 1, _subject, entitiesOnly: true, withIdf: false);
            foreach (var c in _subject)
                if (Array.BinarySearch(headline, c) >= 0) subject.Add(c);
        }
        TopConcepts(storyTerms, storyValues, _options.StoryThemeConcepts, _subject);
        _themes.Clear();
        _themes.UnionWith(_subject);
        foreach (var c in subject)
            if (_themes.Contains(c)) return true;
        return false;
    }

    /// <summary>The <paramref name="count"/> concepts of heaviest TF-IDF weight in a sparse vector, heaviest first (ties by term id).</summary>
    private void TopConcepts(int[] terms, float[] values, int count, List<int> into, bool entitiesOnly = false, bool withIdf = true)
    {
        _ranking.Clear();
        for (var i = 0; i < terms.Length; i++)
            if (!entitiesOnly || _terms.IsEntity(terms[i])) _ranking.Add((terms[i], values[i] * (withIdf ? _terms.Idf(terms[i]) : 1)));
        _ranking.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : a.Term.CompareTo(b.Term));
        into.Clear();
        foreach (var (term, _) in _ranking)
        {
            var concept = _terms.ConceptOf(term);
            if (!into.Contains(concept)) into.Add(concept);
            if (into.Count == count) break;
        }
    }

    /// <summary>Share of the IDF²-weighted dot product of two sparse vectors carried by their largest shared concept (1 when nothing is shared).</summary>
    private double TopConceptShare(int[] aTerms, float[] aValues, int[] bTerms, float[] bValues)
    {
        _byConcept.Clear();
        double total = 0;
        int x = 0, y = 0;
        while (x < aTerms.Length && y < bTerms.Length)
        {
            var ta = aTerms[x];
            var tb = bTerms[y];
            if (ta < tb) x++;
            else if (tb < ta) y++;
            else
            {
                var idf = _terms.Idf(ta);
                var v = aValues[x] * bValues[y] * idf * idf;
                if (v > 0)
                {
                    total += v;
                    var concept = _terms.ConceptOf(ta);
                    _byConcept[concept] = _byConcept.GetValueOrDefault(concept) + v;
                }
                x++;
                y++;
            }
        }
        if (total <= 0) return 1;
        var max = 0.0;
        foreach (var v in _byConcept.Values) max = Math.Max(max, v);
        return max / total;
    }

    /// <summary>Length of the article's TF-IDF vector; cached for the IDF epoch (see <see cref="TermStatistics"/>).</summary>
    private double ArticleNorm(ArticleRecord article)
    {
        if (article.Archived || article.NormEpoch == _terms.Epoch) return article.IdfNorm;
        article.IdfNorm = Math.Sqrt(SquaredNorm(article.Terms!, article.Weights!, 1));
        article.NormEpoch = _terms.Epoch;
        return article.IdfNorm;
    }

    /// <summary>Length of the story centroid with IDF; cached until the story changes or the IDF epoch moves on.</summary>
    private double StoryNorm(StoryRecord story)
    {
        if (story.Closed) return 0;
        if (!story.NormDirty && story.NormEpoch == _terms.Epoch) return story.Norm;
        story.Norm = Math.Sqrt(SquaredNorm(story.CentroidTerms!, story.CentroidValues!, story.CentroidScale));
        story.NormEpoch = _terms.Epoch;
        story.NormDirty = false;
        return story.Norm;
    }

    private double SquaredNorm(int[] terms, float[] values, float scale)
    {
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var w = values[i] * scale * _terms.Idf(terms[i]);
            sum += w * w;
        }
        return sum;
    }
}
