using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>
    /// A story splits only when its parts link below this share of the join threshold: hysteresis, so that a
    /// story merged or joined at the threshold does not split again on the next article over rounding.
    /// </summary>
    private const double SplitHysteresis = 0.8;

    private StoryRecord NewStory(ArticleRecord founder)
    {
        var story = new StoryRecord { Index = _stories.Count, Id = NewStoryId(founder.ContentKey), Founder = founder.Seq };
        _stories.Add(story);
        _storyById[story.Id] = story.Index;
        StoryCount++;
        AddMember(story, founder);
        return story;
    }

    private StoryRecord JoinStory(StoryRecord story, ArticleRecord article)
    {
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
            if (!_storyById.ContainsKey(id)) return id;
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
        AddToCentroid(story, article);
    }

    private void AddToCentroid(StoryRecord story, ArticleRecord article)
    {
        story.DaySum += article.Day;
        if (story.Members.Count == 1 || article.Day < story.FirstDay) story.FirstDay = article.Day;
        if (story.Members.Count == 1 || article.Day > story.LastDay) story.LastDay = article.Day;
        // Each article adds its TF-IDF unit vector (IDF of now); IDF is applied at comparison time, so the
        // centroid stores weight / norm and stays close to a sum of unit vectors as IDF drifts.
        var norm = ArticleNorm(article);
        var scale = norm > 0 ? (float)(1 / norm) : 0f;
        for (var i = 0; i < article.Terms.Length; i++)
        {
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(story.Centroid, article.Terms[i], out _);
            c += article.Weights[i] * scale;
        }
        story.NormDirty = true;
    }

    /// <summary>
    /// The article reached other stories as well as its own: each of those that links to the article's story at the
    /// join threshold merges into the older of the two. Returns the article's story after merges.
    /// </summary>
    private StoryRecord MergeBridgedStories(StoryRecord story, ArticleRecord article, List<CandidateScore> ranked)
    {
        foreach (var candidate in ranked)
        {
            if (candidate.Score < _options.JoinThreshold) break;
            var other = _stories[Live(_storyById[candidate.StoryId])];
            if (other == story) continue;
            if (StoryLink(story, other) < _options.JoinThreshold) continue;
            story = Merge(story, other, article);
        }
        return story;
    }

    private StoryRecord Merge(StoryRecord a, StoryRecord b, ArticleRecord trigger)
    {
        var (survivor, absorbed) = a.Index < b.Index ? (a, b) : (b, a);
        var moved = absorbed.Members.Select(m => _articles[m].SourceId).ToList();
        var members = survivor.Members.Concat(absorbed.Members).Order().ToList();
        Rebuild(survivor, members);
        absorbed.Alive = false;
        absorbed.MergedInto = survivor.Index;
        absorbed.Members.Clear();
        absorbed.Centroid.Clear();
        absorbed.Centroid.TrimExcess();
        StoryCount--;
        _events.Add(new StoryEvent(_events.Count + 1, StoryEventKind.Merge, [absorbed.Id], survivor.Id, moved, trigger.SourceId));
        return survivor;
    }

    /// <summary>
    /// Re-checks the story's recent articles with average-linkage agglomeration under the same similarity (centroid
    /// cosine with cohesion floor × time factor). Parts that do not link at <see cref="SplitHysteresis"/> × threshold
    /// leave as new stories; the largest part keeps the id. Returns the story that holds <paramref name="trigger"/>.
    /// </summary>
    private StoryRecord SplitIfLoose(StoryRecord story, ArticleRecord trigger)
    {
        if (story.Members.Count < 3) return story;
        var window = story.Members.Skip(Math.Max(0, story.Members.Count - RecentWindow)).ToArray();
        var groups = Agglomerate(window, _options.JoinThreshold * SplitHysteresis);
        if (groups.Count < 2) return story;

        // The largest part stays (ties: the part with the earliest article); older articles outside the window stay too.
        var keep = groups.OrderByDescending(g => g.Count).ThenBy(g => g.Min()).First();
        var result = story;
        foreach (var part in groups.Where(g => g != keep).OrderBy(g => g.Min()))
        {
            var members = part.Order().ToList();
            var created = new StoryRecord
            {
                Index = _stories.Count,
                Id = NewStoryId(_articles[members[0]].ContentKey),
                Founder = members[0],
            };
            _stories.Add(created);
            _storyById[created.Id] = created.Index;
            StoryCount++;
            Rebuild(created, members);
            _events.Add(new StoryEvent(_events.Count + 1, StoryEventKind.Split, [story.Id], created.Id,
                members.Select(m => _articles[m].SourceId).ToList(), trigger.SourceId));
            if (members.Contains(trigger.Seq)) result = created;
        }
        var moved = groups.Where(g => g != keep).SelectMany(g => g).ToHashSet();
        Rebuild(story, story.Members.Where(m => !moved.Contains(m)).ToList());
        return result;
    }

    /// <summary>Average-linkage agglomeration of articles (seqs) under the story similarity, stopping below <paramref name="threshold"/>.</summary>
    private List<List<int>> Agglomerate(int[] seqs, double threshold)
    {
        var n = seqs.Length;
        var groups = new List<List<int>>(n);
        var between = new double[n, n]; // sum of cosines between groups g and h
        var inner = new double[n];      // sum of cosines over pairs inside group g
        var daySum = new double[n];
        var alive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            groups.Add([seqs[i]]);
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
        return Enumerable.Range(0, n).Where(g => alive[g]).Select(g => groups[g]).ToList();
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
    private double PairCosine(ArticleRecord a, ArticleRecord b)
    {
        var (later, earlier) = a.Seq > b.Seq ? (a, b) : (b, a);
        if (later.LinkSeqs is { } seqs)
        {
            var k = Array.IndexOf(seqs, earlier.Seq);
            if (k >= 0) return later.LinkCosines![k];
        }
        return ArticleCosine(a, b);
    }

    /// <summary>Recomputes a story's centroid, dates and cohesion from a new member list.</summary>
    private void Rebuild(StoryRecord story, List<int> members)
    {
        story.Members.Clear();
        story.Members.AddRange(members);
        story.Centroid.Clear();
        story.DaySum = 0;
        story.PairSum = 0;
        story.PairCount = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var article = _articles[members[i]];
            article.Story = story.Index;
            // AddToCentroid reads Members.Count for the first/last date; feed it the prefix length.
            story.FirstDay = i == 0 ? article.Day : Math.Min(story.FirstDay, article.Day);
            story.LastDay = i == 0 ? article.Day : Math.Max(story.LastDay, article.Day);
            var norm = ArticleNorm(article);
            var scale = norm > 0 ? (float)(1 / norm) : 0f;
            for (var t = 0; t < article.Terms.Length; t++)
            {
                ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(story.Centroid, article.Terms[t], out _);
                c += article.Weights[t] * scale;
            }
            story.DaySum += article.Day;
        }
        var start = Math.Max(0, members.Count - RecentWindow);
        for (var i = start; i < members.Count; i++)
            for (var j = start; j < i; j++)
            {
                story.PairSum += PairCosine(_articles[members[i]], _articles[members[j]]);
                story.PairCount++;
            }
        story.NormDirty = true;
    }

    private int Live(int index)
    {
        while (!_stories[index].Alive) index = _stories[index].MergedInto;
        return index;
    }

    private StoryView View(StoryRecord story)
    {
        var members = story.Members.Select(m => _articles[m]).OrderBy(a => a.Day).ThenBy(a => a.Seq).ToList();
        var outlets = members.Select(a => a.Outlet).Where(o => !string.IsNullOrEmpty(o)).Distinct(StringComparer.Ordinal).Cast<string>().ToList();
        var (entities, words) = KeyTerms(story, 3);
        var headline = members.Count == 0 ? "" : _articles[Medoid(story)].Title;
        var label = string.Join(", ", entities.Concat(words));
        return new StoryView(story.Id, members.Select(a => a.SourceId).ToList(), outlets,
            DateOnly.FromDayNumber(Math.Max(0, story.FirstDay)), DateOnly.FromDayNumber(Math.Max(0, story.LastDay)),
            label, headline, entities, words);
    }

    /// <summary>The story's highest-weighted entity keys and words, in readable form.</summary>
    private (List<string> Entities, List<string> Words) KeyTerms(StoryRecord story, int count)
    {
        var ranked = story.Centroid.Select(kv => (Term: kv.Key, Weight: kv.Value * _terms.Idf(kv.Key)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term).ToList();
        var entities = ranked.Where(t => _terms.IsEntity(t.Term)).Take(count).Select(t => _terms.DisplayOf(t.Term)).ToList();
        var entityKeys = ranked.Where(t => _terms.IsEntity(t.Term)).Take(count).Select(t => _terms.TermOf(t.Term)[1..]).ToHashSet();
        // A word that is one of the shown entities ("lubrizol" beside "Lubrizol") adds nothing.
        var words = ranked.Where(t => !_terms.IsEntity(t.Term) && !entityKeys.Contains(TextFolding.Fold(_terms.DisplayOf(t.Term))))
            .Take(count).Select(t => _terms.DisplayOf(t.Term)).ToList();
        return (entities, words);
    }

    /// <summary>The article closest to the story centroid.</summary>
    private int Medoid(StoryRecord story)
    {
        var best = story.Members[0];
        var bestScore = double.MinValue;
        foreach (var m in story.Members.Skip(Math.Max(0, story.Members.Count - RecentWindow)))
        {
            var article = _articles[m];
            var score = CosineWithStory(article, ArticleNorm(article), story);
            if (score > bestScore)
            {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }

    private sealed class StoryRecord
    {
        public int Index;
        public required string Id;
        public int Founder;
        /// <summary>Article seqs, ascending (arrival order).</summary>
        public List<int> Members { get; } = [];
        /// <summary>Sum of the members' unit vectors, IDF left out (applied when comparing).</summary>
        public Dictionary<int, float> Centroid { get; } = new();
        public int FirstDay;
        public int LastDay;
        public long DaySum;
        public double MeanDay => Members.Count == 0 ? 0 : DaySum / (double)Members.Count;
        /// <summary>Sum and count of the pair cosines among recent members (cohesion = mean).</summary>
        public double PairSum;
        public int PairCount;
        public bool Alive = true;
        public int MergedInto = -1;
        public double Norm;
        public int NormDocuments;
        public bool NormDirty = true;
    }
}
