using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>
    /// A story splits only when its parts link below this share of the join threshold: hysteresis, so that a story
    /// merged or joined at the threshold does not split again on the next article over rounding.
    /// </summary>
    private const double SplitHysteresis = 0.8;

    private StoryRecord NewStory(ArticleRecord founder)
    {
        var story = new StoryRecord { Index = _nextStoryIndex++, Id = NewStoryId(founder.ContentKey), Founder = founder.Seq };
        _stories.Add(story.Index, story);
        _storyById[story.Id] = story.Index;
        _openStories.Add(story.Index);
        StoryCount++;
        AddMember(story, founder);
        return story;
    }

    private StoryRecord JoinStory(StoryRecord story, ArticleRecord article)
    {
        if (story.Closed) Reopen(story);
        AddMember(story, article);
        return story;
    }

    /// <summary>"s" + 12 hex digits of a hash of the founding article's content key; a collision takes the next salt.</summary>
    private string NewStoryId(string contentKey)
    {
        for (var salt = 0; ; salt++)
        {
            var hash = StableHash.Of(salt == 0 ? "story:" + contentKey : $"story:{contentKey}#{salt}");
            var id = "s" + StableHash.Hex(hash)[..12];
            // Ids of stories that left memory are known to the store (IdRegistry).
            if (!_storyById.ContainsKey(id) && IdRegistry?.IsIssued(id) != true) return id;
        }
    }

    private void AddMember(StoryRecord story, ArticleRecord article)
    {
        // Cohesion: the newcomer's cosine with the story's most recent articles, kept for split checks.
        var count = Math.Min(story.Members.Count, RecentWindow);
        if (count > 0)
        {
            article.LinkSeqs = new int[count];
            article.LinkCosines = new float[count];
            for (var k = 0; k < count; k++)
            {
                var other = _articles[story.Members[story.Members.Count - 1 - k]];
                var cosine = ArticleCosine(article, other);
                article.LinkSeqs[k] = other.Seq;
                article.LinkCosines[k] = (float)cosine;
                story.PairSum += cosine;
                story.PairCount++;
            }
        }
        story.Members.Add(article.Seq);
        if (story.Members.Count > 1 && story.Members[^2] > article.Seq) story.Members.Sort();
        article.Story = story.Index;
        _changedStories.Add(story.Index);
        story.DaySum += article.Day;
        story.FirstDay = story.Members.Count == 1 ? article.Day : Math.Min(story.FirstDay, article.Day);
        story.LastDay = story.Members.Count == 1 ? article.Day : Math.Max(story.LastDay, article.Day);

        // The centroid is the sum of the members' TF-IDF unit vectors (IDF of the time they joined), stored without IDF
        // because IDF is applied when comparing. A story of one shares its article's arrays.
        var scale = (float)(1 / Math.Max(ArticleNorm(article), 1e-12));
        if (story.CentroidTerms is null)
        {
            story.CentroidTerms = article.Terms;
            story.CentroidValues = article.Weights;
            story.CentroidScale = scale;
        }
        else
        {
            var (terms, values) = SparseVector.Add(story.CentroidTerms, story.CentroidValues!, story.CentroidScale, article.Terms!, article.Weights!, scale);
            SetCentroid(story, terms, values);
        }
    }

    private void SetCentroid(StoryRecord story, int[] terms, float[] values)
    {
        if (terms.Length > MaxCentroidTerms) (terms, values) = SparseVector.Prune(terms, values, PrunedCentroidTerms);
        story.CentroidTerms = terms;
        story.CentroidValues = values;
        story.CentroidScale = 1;
        story.NormDirty = true;
    }

    /// <summary>
    /// The article reached other stories as well as its own: each of those that links to the article's story at the
    /// threshold merges into the older of the two. Returns the article's story after merges.
    /// </summary>
    private StoryRecord MergeBridgedStories(StoryRecord story, ArticleRecord article, List<CandidateScore> ranked)
    {
        foreach (var candidate in ranked)
        {
            if (candidate.Score < _options.JoinThreshold) break;
            if (!Supported(candidate.Score, candidate.TopConceptShare)) continue;
            var other = _stories[Live(_storyById[candidate.StoryId])];
            if (other == story || other.Closed || !Belongs(article, other)) continue;
            var link = StoryLink(story, other);
            if (link < _options.JoinThreshold) continue;
            if (!Supported(link, TopConceptShare(story.CentroidTerms!, story.CentroidValues!, other.CentroidTerms!, other.CentroidValues!))) continue;
            if (!HeadlinesMeet(story.Members, other.Members, firmly: true)) continue;
            var (smaller, larger) = story.Members.Count <= other.Members.Count ? (story, other) : (other, story);
            if (!SubjectInStory(smaller.CentroidTerms!, smaller.CentroidValues!, larger.CentroidTerms!, larger.CentroidValues!)) continue;
            if (MeanCrossLink(story, other) < _options.JoinThreshold * _options.MergeMeanLinkShare) continue;
            Trace?.Invoke($"MERGE {other.Id} [{FounderTitle(other)}] into/with {story.Id} [{FounderTitle(story)}] link {StoryLink(story, other):F3} on {article.SourceId}\n      "
                + SharedTermsText(story.CentroidTerms!, story.CentroidValues!, story.CentroidScale, other.CentroidTerms!, other.CentroidValues!, other.CentroidScale));
            story = Merge(story, other, article);
        }
        return story;
    }

    /// <summary>
    /// Average linkage of two stories: the mean cosine between their recent articles, times the time factor. Two loose
    /// stories' centroids meet on what all their articles say (the week's names) even when no article of one is much
    /// like any of the other; their members have to be alike too.
    /// </summary>
    private double MeanCrossLink(StoryRecord a, StoryRecord b)
    {
        var (sum, pairs) = CrossLinks(a, b);
        return pairs == 0 ? 0 : sum / pairs * TimeFactor(TimeGap(a.MeanDay, b.MeanDay));
    }

    /// <summary>The cosines between the recent articles of two stories, summed, and how many pairs they are.</summary>
    private (double Sum, int Pairs) CrossLinks(StoryRecord a, StoryRecord b)
    {
        double sum = 0;
        var pairs = 0;
        foreach (var x in Recent(a))
            foreach (var y in Recent(b))
            {
                sum += ArticleCosine(_articles[x], _articles[y]);
                pairs++;
            }
        return (sum, pairs);
    }

    private StoryRecord Merge(StoryRecord a, StoryRecord b, ArticleRecord trigger)
    {
        var (survivor, absorbed) = a.Index < b.Index ? (a, b) : (b, a);
        var moved = absorbed.Members.Select(m => _articles[m].SourceId).ToList();

        // Cohesion of the union: both stories' pairs plus the pairs across their recent articles.
        var (cross, crossPairs) = CrossLinks(survivor, absorbed);
        survivor.PairSum += absorbed.PairSum + cross;
        survivor.PairCount += absorbed.PairCount + crossPairs;

        var (terms, values) = SparseVector.Add(survivor.CentroidTerms!, survivor.CentroidValues!, survivor.CentroidScale,
            absorbed.CentroidTerms!, absorbed.CentroidValues!, absorbed.CentroidScale);
        SetCentroid(survivor, terms, values);
        foreach (var m in absorbed.Members) _articles[m].Story = survivor.Index;
        survivor.Members.AddRange(absorbed.Members);
        survivor.Members.Sort();
        survivor.DaySum += absorbed.DaySum;
        survivor.FirstDay = Math.Min(survivor.FirstDay, absorbed.FirstDay);
        survivor.LastDay = Math.Max(survivor.LastDay, absorbed.LastDay);

        absorbed.Alive = false;
        absorbed.MergedInto = survivor.Index;
        _changedStories.Add(absorbed.Index);
        _changedStories.Add(survivor.Index);
        absorbed.Members.Clear();
        absorbed.Members.TrimExcess();
        absorbed.CentroidTerms = null;
        absorbed.CentroidValues = null;
        _openStories.Remove(absorbed.Index);
        _leaving.Add(absorbed.Index);
        StoryCount--;
        _events.Add(new StoryEvent(++_eventCount, StoryEventKind.Merge, [absorbed.Id], survivor.Id, moved, trigger.SourceId));
        return survivor;
    }

    /// <summary>
    /// Re-checks the story's recent articles by average-linkage agglomeration under the same similarity (centroid cosine
    /// with cohesion floor × time factor). Parts that do not link at <see cref="SplitHysteresis"/> × threshold leave as
    /// new stories; the largest part keeps the id. Returns the story that now holds <paramref name="trigger"/>.
    /// </summary>
    private StoryRecord SplitIfLoose(StoryRecord story, ArticleRecord trigger)
    {
        if (story.Members.Count < 3) return story;
        var window = Recent(story).ToArray();
        if (window.Any(m => _articles[m].Archived)) return story;
        var (groups, inner) = Agglomerate(window, _options.JoinThreshold * SplitHysteresis);
        if (groups.Count < 2) return story;

        // The largest part stays (ties: the part with the earliest article); older articles outside the window stay too.
        var keepIndex = Enumerable.Range(0, groups.Count).OrderByDescending(g => groups[g].Count).ThenBy(g => groups[g].Min()).First();
        var result = story;
        foreach (var g in Enumerable.Range(0, groups.Count).Where(g => g != keepIndex).OrderBy(g => groups[g].Min()))
        {
            var members = groups[g].Order().ToList();
            var created = new StoryRecord { Index = _nextStoryIndex++, Id = NewStoryId(_articles[members[0]].ContentKey), Founder = members[0] };
            _stories.Add(created.Index, created);
            _storyById[created.Id] = created.Index;
            _openStories.Add(created.Index);
            StoryCount++;
            foreach (var m in members)
            {
                var article = _articles[m];
                RemoveFromCentroid(story, article);
                story.Members.Remove(m);
                story.DaySum -= article.Day;
                AddMemberQuietly(created, article);
            }
            created.PairSum = inner[g];
            created.PairCount = members.Count * (members.Count - 1) / 2;
            _events.Add(new StoryEvent(++_eventCount, StoryEventKind.Split, [story.Id], created.Id,
                members.Select(m => _articles[m].SourceId).ToList(), trigger.SourceId));
            if (members.Contains(trigger.Seq)) result = created;
        }
        _changedStories.Add(story.Index);
        var kept = groups[keepIndex].Count;
        story.PairSum = inner[keepIndex];
        story.PairCount = kept * (kept - 1) / 2;
        story.FirstDay = story.Members.Min(m => _articles[m].Day);
        story.LastDay = story.Members.Max(m => _articles[m].Day);
        return result;
    }

    /// <summary>Adds an article to a story being rebuilt from a split: centroid, dates and membership, cohesion set by the caller.</summary>
    private void AddMemberQuietly(StoryRecord story, ArticleRecord article)
    {
        story.Members.Add(article.Seq);
        article.Story = story.Index;
        _changedStories.Add(story.Index);
        story.DaySum += article.Day;
        story.FirstDay = story.Members.Count == 1 ? article.Day : Math.Min(story.FirstDay, article.Day);
        story.LastDay = story.Members.Count == 1 ? article.Day : Math.Max(story.LastDay, article.Day);
        var scale = (float)(1 / Math.Max(ArticleNorm(article), 1e-12));
        if (story.CentroidTerms is null) (story.CentroidTerms, story.CentroidValues, story.CentroidScale) = (article.Terms, article.Weights, scale);
        else
        {
            var (terms, values) = SparseVector.Add(story.CentroidTerms, story.CentroidValues!, story.CentroidScale, article.Terms!, article.Weights!, scale);
            SetCentroid(story, terms, values);
        }
        story.NormDirty = true;
    }

    private void RemoveFromCentroid(StoryRecord story, ArticleRecord article)
    {
        var scale = (float)(1 / Math.Max(ArticleNorm(article), 1e-12));
        var (terms, values) = SparseVector.Add(story.CentroidTerms!, story.CentroidValues!, story.CentroidScale, article.Terms!, article.Weights!, -scale, 1e-5f);
        SetCentroid(story, terms, values);
    }

    /// <summary>The story's most recent articles (by arrival), at most <see cref="RecentWindow"/>.</summary>
    private IEnumerable<int> Recent(StoryRecord story) => story.Members.Skip(Math.Max(0, story.Members.Count - RecentWindow));

    /// <summary>
    /// Average-linkage agglomeration of articles under the story similarity, stopping below <paramref name="threshold"/>.
    /// Returns the groups and, for each, the sum of cosines over its pairs.
    /// </summary>
    private (List<List<int>> Groups, List<double> Inner) Agglomerate(int[] seqs, double threshold)
    {
        var n = seqs.Length;
        var groups = new List<int>[n];
        var between = new double[n, n]; // sum of cosines between groups g and h
        var inner = new double[n];      // sum of cosines over pairs inside group g
        var daySum = new double[n];
        var alive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            groups[i] = [seqs[i]];
            daySum[i] = _articles[seqs[i]].Day;
            alive[i] = true;
            for (var j = 0; j < i; j++)
                between[i, j] = between[j, i] = PairCosine(_articles[seqs[i]], _articles[seqs[j]]);
        }

        while (true)
        {
            var best = -1.0;
            int bestG = -1, bestH = -1;
            for (var g = 0; g < n; g++)
            {
                if (!alive[g]) continue;
                for (var h = g + 1; h < n; h++)
                {
                    if (!alive[h]) continue;
                    var link = GroupLink(groups[g].Count, inner[g], daySum[g], groups[h].Count, inner[h], daySum[h], between[g, h]);
                    if (link > best)
                    {
                        best = link;
                        bestG = g;
                        bestH = h;
                    }
                }
            }
            if (bestG < 0 || best < threshold) break;
            inner[bestG] += inner[bestH] + between[bestG, bestH];
            daySum[bestG] += daySum[bestH];
            groups[bestG].AddRange(groups[bestH]);
            alive[bestH] = false;
            for (var k = 0; k < n; k++)
            {
                if (!alive[k] || k == bestG) continue;
                between[bestG, k] = between[k, bestG] = between[bestG, k] + between[bestH, k];
            }
        }
        var kept = Enumerable.Range(0, n).Where(g => alive[g]).ToList();
        return (kept.Select(g => groups[g]).ToList(), kept.Select(g => inner[g]).ToList());
    }

    /// <summary>Centroid cosine of two groups from pair sums, with the cohesion floor, times the time factor.</summary>
    private double GroupLink(int nA, double innerA, double daySumA, int nB, double innerB, double daySumB, double between)
    {
        var lengthA = GroupLengthSquared(nA, innerA);
        var lengthB = GroupLengthSquared(nB, innerB);
        return between / Math.Sqrt(lengthA * lengthB) * TimeFactor(TimeGap(daySumA / nA, daySumB / nB));
    }

    /// <summary>|Σ unit vectors|² = n + 2 · (sum of pair cosines), with the mean pair cosine floored at the cohesion floor.</summary>
    private double GroupLengthSquared(int n, double innerSum)
    {
        if (n < 2) return 1;
        var rho = innerSum * 2 / (n * (n - 1.0));
        return n + n * (n - 1.0) * Math.Max(rho, _options.CohesionFloor);
    }

    /// <summary>Cosine of two articles, from the links stored when the later one joined when available.</summary>
    private double PairCosine(ArticleRecord a, ArticleRecord b) => SplitLink(a, b, StoredCosine(a, b));

    private double StoredCosine(ArticleRecord a, ArticleRecord b)
    {
        var (later, earlier) = a.Seq > b.Seq ? (a, b) : (b, a);
        if (later.LinkSeqs is { } seqs)
        {
            var k = Array.IndexOf(seqs, earlier.Seq);
            if (k >= 0) return later.LinkCosines![k];
        }
        return ArticleCosine(a, b);
    }

    /// <summary>
    /// Two articles whose headlines name one thing within days were joined at the lower bar
    /// (<see cref="StoryClusteringOptions.HeadlineNameShare"/>), so a split check weighs their link by that bar too:
    /// otherwise the article joined on a headline name would be split off again by the next article.
    /// </summary>
    private double SplitLink(ArticleRecord a, ArticleRecord b, double cosine)
    {
        var shared = SharedHeadlineConcepts(a, b);
        var share = shared == 0 ? 1 : shared >= 2 ? Math.Min(_options.HeadlineNameShare, _options.HeadlineNameAndWordShare) : _options.HeadlineNameShare;
        return share is > 0 and < 1 ? Math.Min(1, cosine / share) : cosine;
    }

    /// <summary>
    /// Closes the stories with no article for twice the time window: no article can reach them any more (candidates are
    /// compared within the window), so their label and headline are fixed and their vectors dropped.
    /// </summary>
    private void CloseQuietStories()
    {
        var cutoff = _latestDay - 2 * _options.WindowDays;
        var kept = 0;
        for (var i = 0; i < _openStories.Count; i++)
        {
            var story = _stories[_openStories[i]];
            if (story.LastDay >= cutoff)
            {
                _openStories[kept++] = story.Index;
                continue;
            }
            Close(story);
        }
        _openStories.RemoveRange(kept, _openStories.Count - kept);
    }

    private void Close(StoryRecord story)
    {
        var (entities, words) = KeyTerms(story, 3);
        story.ClosedLabel = new ClosedLabel(Medoid(story), entities, words);
        _changedStories.Add(story.Index);
        _leaving.Add(story.Index);
        _closedSincePrune += story.Members.Count;
        story.CentroidTerms = null;
        story.CentroidValues = null;
        foreach (var m in story.Members)
        {
            var article = _articles[m];
            article.Terms = null;
            article.Weights = null;
            article.LinkSeqs = null;
            article.LinkCosines = null;
        }
    }

    /// <summary>An article joins a closed story (an editor's choice, or a copy arriving late): it reopens around that article.</summary>
    private void Reopen(StoryRecord story)
    {
        story.ClosedLabel = null;
        _openStories.Add(story.Index);
        story.PairSum = 0;
        story.PairCount = 0;
    }

    private int Live(int index)
    {
        while (!_stories[index].Alive) index = _stories[index].MergedInto;
        return index;
    }

    private StoryView View(StoryRecord story)
    {
        var members = story.Members.Select(m => _articles[m]).OrderBy(a => a.Ticks).ThenBy(a => a.Seq).ToList();
        var outlets = members.Select(a => OutletNames.Shown(a.Outlet)).Distinct(StringComparer.Ordinal).ToList();
        var (headline, entities, words) = story.ClosedLabel is { } closed
            ? (closed.Headline, closed.Entities, closed.Words)
            : (Medoid(story), KeyTerms(story, 3).Entities, KeyTerms(story, 3).Words);
        return new StoryView(story.Id, members.Select(a => a.SourceId).ToList(), outlets,
            DateOnly.FromDayNumber(Math.Max(0, story.FirstDay)), DateOnly.FromDayNumber(Math.Max(0, story.LastDay)),
            string.Join(", ", entities.Concat(words)), _articles[headline].Title, entities, words)
        {
            Closed = story.Closed,
        };
    }

    /// <summary>
    /// The story's highest-weighted entity keys and words, in readable form. A name is not shown beside its own last word
    /// ("Air Solenne", not also "Solenne"), and a word not beside the name that holds it.
    /// </summary>
    private (List<string> Entities, List<string> Words) KeyTerms(StoryRecord story, int count)
    {
        if (story.CentroidTerms is null) return ([], []);
        var ranked = Enumerable.Range(0, story.CentroidTerms.Length)
            .Select(k => (Term: story.CentroidTerms[k], Weight: story.CentroidValues![k] * _terms.Idf(story.CentroidTerms[k])))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term).ToList();
        var chosen = new List<(string[] Words, int Term)>();
        foreach (var (term, _) in ranked)
        {
            if (chosen.Count == count) break;
            if (!_terms.IsEntity(term)) continue;
            var words = _terms.TermOf(term)[1..].Split(' ');
            if (chosen.Exists(c => words.All(c.Words.Contains))) continue;
            var within = chosen.FindIndex(c => c.Words.All(words.Contains));
            if (within >= 0) chosen[within] = (words, term);
            else chosen.Add((words, term));
        }
        var entities = chosen.Select(c => _terms.DisplayOf(c.Term)).Distinct(StringComparer.Ordinal).ToList();
        var entityWords = chosen.SelectMany(c => c.Words).ToHashSet(StringComparer.Ordinal);
        var wordsShown = ranked.Where(t => !_terms.IsEntity(t.Term) && !entityWords.Contains(TextFolding.Fold(_terms.DisplayOf(t.Term))))
            .Take(count).Select(t => _terms.DisplayOf(t.Term)).ToList();
        return (entities, wordsShown);
    }

    /// <summary>The recent article closest to the story centroid (the founder when no vector is left).</summary>
    private int Medoid(StoryRecord story)
    {
        if (story.ClosedLabel is { } closed) return closed.Headline;
        var best = story.Founder;
        var bestScore = double.MinValue;
        foreach (var m in Recent(story))
        {
            var article = _articles[m];
            if (article.Archived || story.CentroidTerms is null) continue;
            var score = CosineWithStory(article, ArticleNorm(article), story);
            if (score > bestScore)
            {
                bestScore = score;
                best = m;
            }
        }
        // The founder may have left in a split and, its new story closed, left memory.
        return _articles.TryGetValue(best, out var medoid) && medoid.Story == story.Index ? best : story.Members[0];
    }

    /// <summary>The founding article's headline, for traces (empty when the founder left in a split and then left memory).</summary>
    private string FounderTitle(StoryRecord story) => _articles.TryGetValue(story.Founder, out var founder) ? founder.Title : "";

    /// <summary>What a closed story keeps for display: its headline article and key terms.</summary>
    private sealed record ClosedLabel(int Headline, List<string> Entities, List<string> Words);

    private sealed class StoryRecord
    {
        public int Index;
        public required string Id;
        public int Founder;
        /// <summary>Article seqs, ascending (arrival order).</summary>
        public List<int> Members { get; } = [];
        /// <summary>Sum of the members' unit vectors (sorted term ids, values × <see cref="CentroidScale"/>), IDF left out; null once closed.</summary>
        public int[]? CentroidTerms;
        public float[]? CentroidValues;
        public float CentroidScale = 1;
        public int FirstDay;
        public int LastDay;
        public long DaySum;
        public double MeanDay => Members.Count == 0 ? 0 : DaySum / (double)Members.Count;
        /// <summary>Sum and count of the pair cosines among recent members (cohesion = mean).</summary>
        public double PairSum;
        public int PairCount;
        public double Cohesion => PairCount == 0 ? 1 : PairSum / PairCount;
        public bool Alive = true;
        public int MergedInto = -1;
        public ClosedLabel? ClosedLabel;
        public bool Closed => ClosedLabel is not null;
        public double Norm;
        public int NormEpoch = -1;
        public bool NormDirty = true;
    }
}
