using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// Groups a stream of articles into stories, incrementally.
/// <para>
/// An article is a TF-IDF vector over folded stems and entity keys (IDF from the document frequencies seen so far).
/// A story is the sum of its articles' unit vectors (its centroid) with a time centroid (mean date). The one
/// similarity used everywhere is the cosine of two centroids — an article being a story of one — with a cohesion
/// floor (see <see cref="CohesionFactor(StoryRecord)"/>), times a time factor that halves at
/// <see cref="StoryClusteringOptions.DecayHalfDays"/> between time centroids. Groups whose similarity reaches
/// <see cref="StoryClusteringOptions.JoinThreshold"/> belong together: an article joins its best story; two stories
/// an article reaches both merge when they link to each other; a story whose recent articles no longer hold together
/// splits. Every merge and split is recorded, and former ids keep resolving.
/// </para>
/// <para>
/// Cost per article does not grow with the number of stored articles: candidates come from an inverted index over each
/// article's highest-weighted terms whose posting lists keep only the most recent articles; near-duplicates come from
/// MinHash + LSH buckets that keep the most recent groups; a story with no article for twice the time window closes
/// (its centroid and its articles' vectors are dropped, its label kept), so memory tracks the active news, not history.
/// Copy groups record the first article and what each copy added or dropped.
/// </para>
/// Deterministic: the same articles in the same order give the same stories and ids. Not thread-safe.
/// </summary>
public sealed partial class StoryClusterer
{
    /// <summary>How many of a story's most recent articles are used for its cohesion and for split checks.</summary>
    private const int RecentWindow = 32;

    /// <summary>A centroid longer than this keeps only its heaviest terms (a long-running story's vocabulary tail).</summary>
    private const int MaxCentroidTerms = 2048;
    private const int PrunedCentroidTerms = 1536;

    /// <summary>How much of the body is read for its first sentence (the lead), in characters.</summary>
    private const int LeadChars = 600;

    /// <summary>A headline with fewer content words than this is not trusted to say what the article is about.</summary>
    private const int MinHeadlineConcepts = 3;

    /// <summary>Words in the lead sentence that stands in for a missing headline: fewer make a label, not a sentence.</summary>
    private const int MinLeadWords = 8;


    private readonly StoryClusteringOptions _options;
    private readonly Dictionary<string, MatchingAnalyzer> _analyzers = new(StringComparer.Ordinal);
    private readonly TermStatistics _terms = new();
    private readonly NearDuplicateIndex _nearDuplicates = new();
    private readonly Dictionary<int, PostingList> _postings = new();
    // Keyed by arrival number (seq), story number and group number, which only grow: records leave when they can no
    // longer change a decision and their changes were taken (see StoryClusterer.Retirement.cs).
    private readonly Dictionary<int, ArticleRecord> _articles = new();
    private readonly Dictionary<string, int> _articleBySourceId = new(StringComparer.Ordinal);
    private readonly Dictionary<int, StoryRecord> _stories = new();
    private readonly Dictionary<string, int> _storyById = new(StringComparer.Ordinal);
    private readonly List<int> _openStories = [];
    private readonly Dictionary<int, CopyGroupRecord> _copyGroups = new();
    /// <summary>Merges and splits not taken yet (<see cref="TakeChanges"/>).</summary>
    private readonly List<StoryEvent> _events = [];
    private readonly HashSet<string> _observed = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changedStories = [];
    private readonly HashSet<int> _changedGroups = [];
    private int _nextSeq;
    private int _nextStoryIndex;
    private int _nextGroup;
    private int _eventCount;
    private int _latestDay = int.MinValue;
    private int _sweptDay = int.MinValue;

    public StoryClusterer(StoryClusteringOptions? options = null) => _options = options ?? StoryClusteringOptions.Default;

    public StoryClusteringOptions Options => _options;
    /// <summary>Articles clustered so far (those of closed stories whose changes were taken included).</summary>
    public int ArticleCount => _nextSeq;

    /// <summary>Number of live stories (open or closed).</summary>
    public int StoryCount { get; private set; }

    /// <summary>Number of stories still open to new articles.</summary>
    public int OpenStoryCount => _openStories.Count;

    /// <summary>Merges and splits since changes were last taken (all of them when never), in order.</summary>
    public IReadOnlyList<StoryEvent> Events => _events;

    /// <summary>Scores of the candidate stories for the last article added, best first (for explanations and diagnostics).</summary>
    public IReadOnlyList<CandidateScore> LastCandidates { get; private set; } = [];

    /// <summary>Diagnostics: when set, receives for each article its best candidates and the terms that make their scores.</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>Clusters one article and returns where it went.</summary>
    public StoryAssignment Add(StoryInput input) => AddCore(input, forced: false, forcedStory: null);

    /// <summary>
    /// Adds an article to a story chosen by the caller (an editorial decision, or an oracle in evaluations): the story
    /// with id <paramref name="storyId"/>, or a new story when it is null. Candidates are still scored; no merge or
    /// split follows.
    /// </summary>
    public StoryAssignment AddToStory(StoryInput input, string? storyId)
    {
        string? live = null;
        if (storyId is not null)
            live = Resolve(storyId) ?? throw new ArgumentException($"no story {storyId}", nameof(storyId));
        return AddCore(input, forced: true, forcedStory: live);
    }

    /// <summary>
    /// Counts an article in the term statistics (document frequencies) without clustering it: a background corpus that
    /// makes IDF meaningful from the first clustered article (e.g. every stored article before a recluster). An article
    /// observed here and clustered later is counted once.
    /// </summary>
    public void ObserveBackground(StoryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_observed.Add(input.EffectiveContentKey)) return;
        var analyzer = AnalyzerFor(input.Language);
        var features = input.Features(analyzer);
        var ids = new HashSet<int>();
        foreach (var term in features.Terms) ids.Add(_terms.IdOf(WordFeature(input.Language, term.Key), term.Surface));
        foreach (var entity in EntityFeatures(input, features)) ids.Add(EntityId(analyzer, NameFeature(input.Language, entity.Key), entity.Surface));
        var array = ids.ToArray();
        Array.Sort(array);
        _terms.AddDocument(array);
    }

    private StoryAssignment AddCore(StoryInput input, bool forced, string? forcedStory)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.Id)) throw new ArgumentException("article id is empty", nameof(input));
        if (_articleBySourceId.ContainsKey(input.Id))
            throw new ArgumentException($"article {input.Id} is already clustered", nameof(input));

        var analyzer = AnalyzerFor(input.Language);
        _addingLanguage = input.Language;
        var features = input.Features(analyzer);
        var article = BuildRecord(input, analyzer, features);
        _articles.Add(article.Seq, article);
        _articleBySourceId[input.Id] = article.Seq;

        var topTerms = TopTerms(article, _options.IndexTermsPerArticle);
        var isCopy = AssignCopyGroup(article, features, topTerms);
        var ranked = ScoreCandidates(article, topTerms);
        LastCandidates = ranked;
        if (Trace is not null) TraceCandidates(article, ranked);

        StoryRecord story;
        if (forced)
        {
            story = forcedStory is null ? NewStory(article) : JoinStory(_stories[_storyById[forcedStory]], article);
        }
        else
        {
            // Only the best candidate may take the article: when it is turned down, a weaker one is no better a home.
            var best = ranked.Count > 0 && (Supported(ranked[0].Score, ranked[0].TopConceptShare) || JoinsOnHeadlineName(article, ranked[0]))
                       && Belongs(article, _stories[_storyById[ranked[0].StoryId]]) ? 0 : -1;
            if (best >= 0)
                story = JoinStory(_stories[_storyById[ranked[best].StoryId]], article);
            else if (SecondChance(article, ranked) is { } second)
                story = JoinStory(second, article);
            else if (isCopy && CopyStoryInWindow(article) is { } copyStory)
                story = JoinStory(copyStory, article);
            else
                story = NewStory(article);

            // An article that joined a story may bridge it to others; one that found no home bridges nothing (its new
            // story merging with a candidate would be a join that was just turned down).
            if (story.Members.Count > 1) story = MergeBridgedStories(story, article, ranked);
            story = SplitIfLoose(story, article);
        }

        PostTerms(article, topTerms);
        // Closing is checked whenever the stream's latest date moves on.
        if (_latestDay > _sweptDay)
        {
            _sweptDay = _latestDay;
            CloseQuietStories();
            RetireQuietCopyGroups();
        }
        var group = _copyGroups[article.CopyGroup];
        return new StoryAssignment(input.Id, story.Id, story.Founder == article.Seq && story.Members.Count == 1,
            isCopy && group.Original != article.Seq ? group.OriginalId : null);
    }

    /// <summary>An article that reaches a story at the threshold belongs to it when its headline and its subject agree with the story's.</summary>
    private bool Belongs(ArticleRecord article, StoryRecord story) =>
        HeadlinesMeet([article.Seq], story.Members)
        && (SubjectInStory(article.Terms!, article.Weights!, story.CentroidTerms!, story.CentroidValues!, HeadlineConceptsOf(article))
            || _options.HeadlineNameAndWordIsSubject && MostHeadlineConceptsShared(article, story) >= 2);

    /// <summary>The concepts of an article's headline words and names (names as their concept), ascending.</summary>
    private int[] HeadlineConceptsOf(ArticleRecord article)
    {
        var concepts = (article.TitleConcepts ?? []).Select(_terms.ConceptOf).Distinct().ToArray();
        Array.Sort(concepts);
        return concepts;
    }

    /// <summary>
    /// What changed since the last call (or since the clusterer was created or loaded): the stories whose articles,
    /// dates or label changed — live ones and those merged away — the copy groups that gained an article, and the new
    /// merge and split events. A store writes these and nothing else.
    /// <para>
    /// Once taken, what the store now holds and no decision can read again leaves memory: closed stories with their
    /// articles and labels, the ids of stories merged away, retired copy groups. Queries about them (<see cref="StoryOf"/>,
    /// <see cref="Story"/>, <see cref="Resolve"/>) then answer null: the store answers them.
    /// </para>
    /// </summary>
    public StoryChanges TakeChanges()
    {
        var stories = _changedStories.Order().Select(i => _stories[i]).ToList();
        var changes = new StoryChanges(
            stories.Where(s => s.Alive).Select(View).ToList(),
            stories.Where(s => !s.Alive).ToDictionary(s => s.Id, s => _stories[Live(s.Index)].Id, StringComparer.Ordinal),
            _changedGroups.Order().Select(g => _copyGroups[g]).Where(g => g.Members.Count > 1).Select(ViewOf).ToList(),
            _events.ToList());
        _changedStories.Clear();
        _changedGroups.Clear();
        _events.Clear();
        ForgetTaken();
        return changes;
    }

    // ---------------------------------------------------------------- queries

    /// <summary>The story an article belongs to now, or null when the article is unknown.</summary>
    public string? StoryOf(string articleId) =>
        _articleBySourceId.TryGetValue(articleId, out var seq) ? _stories[_articles[seq].Story].Id : null;

    /// <summary>Follows merges: the live story an id (current or former) stands for, or null when never issued.</summary>
    public string? Resolve(string storyId)
    {
        if (!_storyById.TryGetValue(storyId, out var index)) return null;
        return _stories[Live(index)].Id;
    }

    /// <summary>Former story ids and the live story each now resolves to.</summary>
    public IReadOnlyDictionary<string, string> Redirects() =>
        _stories.Values.Where(s => !s.Alive).ToDictionary(s => s.Id, s => _stories[Live(s.Index)].Id, StringComparer.Ordinal);

    /// <summary>Live stories in order of foundation (those still in memory: see <see cref="TakeChanges"/>).</summary>
    public IReadOnlyList<StoryView> Stories() => _stories.Values.Where(s => s.Alive).OrderBy(s => s.Index).Select(View).ToList();

    /// <summary>A story by id (a former id resolves to the story that absorbed it), or null.</summary>
    public StoryView? Story(string storyId) =>
        _storyById.TryGetValue(storyId, out var index) ? View(_stories[Live(index)]) : null;

    /// <summary>Mean cosine between a story's recent articles (pairs among its last 32), 1 for a single article.</summary>
    public double Cohesion(string storyId)
    {
        if (!_storyById.TryGetValue(storyId, out var index)) return 0;
        return _stories[Live(index)].Cohesion;
    }

    /// <summary>Copy groups of two or more articles that touch the given story (all of them when null).</summary>
    public IReadOnlyList<CopyGroupView> CopyGroups(string? storyId = null)
    {
        HashSet<int>? groups = null;
        if (storyId is not null)
        {
            if (!_storyById.TryGetValue(storyId, out var index)) return [];
            groups = _stories[Live(index)].Members.Select(m => _articles[m].CopyGroup).ToHashSet();
        }
        var result = new List<CopyGroupView>();
        foreach (var group in _copyGroups.Values.OrderBy(g => g.Index))
        {
            if (group.Members.Count < 2) continue;
            if (groups is not null && !groups.Contains(group.Index)) continue;
            result.Add(ViewOf(group));
        }
        return result;
    }

    /// <summary>The copy group of an article when it has copies (or is one), else null.</summary>
    public CopyGroupView? CopyGroupOf(string articleId)
    {
        if (!_articleBySourceId.TryGetValue(articleId, out var seq)) return null;
        if (!_copyGroups.TryGetValue(_articles[seq].CopyGroup, out var group)) return null;
        return group.Members.Count < 2 ? null : ViewOf(group);
    }

    // ---------------------------------------------------------------- features

    private MatchingAnalyzer AnalyzerFor(string? language)
    {
        var code = string.IsNullOrEmpty(language) ? "und" : language;
        if (!_analyzers.TryGetValue(code, out var analyzer))
        {
            analyzer = new MatchingAnalyzer(code);
            _analyzers[code] = analyzer;
        }
        return analyzer;
    }

    /// <summary>Entity features: the entity stage's keys when the input has them, else the capitalised-word proxy.</summary>
    private static IEnumerable<(string Key, string Surface, int Count)> EntityFeatures(StoryInput input, MatchingFeatures features) =>
        input.EntityKeys.Count > 0
            ? input.EntityKeys.Select(k => ("@" + TextFolding.Fold(k), k, 1))
            : features.Entities.Select(e => ("@" + e.Key, e.Surface, e.Count));

    /// <summary>
    /// The id of an entity feature, whose concept is its last word as a name ("@donald trump" → "@trump"): a full name,
    /// its surname and the surname's word stem are one piece of evidence, not three; and a name is written the same in
    /// every language, so the concept is too.
    /// </summary>
    private int EntityId(MatchingAnalyzer analyzer, string key, string surface)
    {
        var space = key.LastIndexOf(' ');
        var lastSurface = surface.LastIndexOfAny([' ', '-']) is var cut and >= 0 ? surface[(cut + 1)..] : surface;
        var concept = space >= 0 ? _terms.IdOf("@" + key[(space + 1)..], lastSurface) : -1;
        var id = _terms.IdOf(key, surface, concept);
        // The word stem of the name ("trump", or "vernai" in English and "vernay" in French) is the same concept.
        if (analyzer.StemOf(space >= 0 ? key.AsSpan(space + 1) : key.AsSpan(1)) is { } stem)
            _terms.Adopt(_terms.IdOf(stem), _terms.ConceptOf(id));
        return id;
    }

    private ArticleRecord BuildRecord(StoryInput input, MatchingAnalyzer analyzer, MatchingFeatures features)
    {
        var weights = new Dictionary<int, float>(features.Terms.Count + features.Entities.Count);
        var titleConcepts = new List<int>();
        // Words that the language data gives one concept add up into one feature (see WordFeature).
        var frequencies = new Dictionary<int, double>(features.Terms.Count);
        foreach (var term in features.Terms)
        {
            var id = _terms.IdOf(WordFeature(input.Language, term.Key), term.Surface);
            frequencies[id] = frequencies.GetValueOrDefault(id) + term.BodyCount + _options.TitleBoost * term.TitleCount;
            if (term.TitleCount > 0) titleConcepts.Add(_terms.ConceptOf(id));
        }
        foreach (var (id, tf) in frequencies) weights[id] = (float)(1 + Math.Log(tf));
        // Names in the headline are headline concepts as written, not only as stemmed: a name is the same in every
        // language, its stem is not.
        var titleWords = new HashSet<string>(StringComparer.Ordinal);
        var title = input.Title ?? "";
        foreach (var token in features.TitleWords) titleWords.Add(TextFolding.Fold(title.AsSpan(token.Start, token.Length)));
        // A headline of fewer than three content words is a section label or a fragment ("International"): then the
        // lead's first full sentence, which states the subject as a headline does, stands in for it.
        if (titleConcepts.Count < MinHeadlineConcepts)
        {
            var body = input.Text;
            var leadTokens = Words.Before(features.BodyWords, Math.Clamp(input.BodyStart, 0, body.Length) + LeadChars);
            var sentenceStart = 0;
            for (var i = 0; i < leadTokens.Count; i++)
            {
                if (!leadTokens[i].Has(WordFlags.SentenceFinal) && i + 1 < leadTokens.Count) continue;
                if (i + 1 - sentenceStart >= MinLeadWords)
                {
                    for (var k = sentenceStart; k <= i; k++)
                    {
                        var word = body.AsSpan(leadTokens[k].Start, leadTokens[k].Length);
                        titleWords.Add(TextFolding.Fold(word));
                        if (analyzer.StemOf(word) is { } stem) titleConcepts.Add(_terms.ConceptOf(_terms.IdOf(stem)));
                    }
                    break;
                }
                sentenceStart = i + 1;
            }
        }
        foreach (var (key, surface, count) in EntityFeatures(input, features))
        {
            var id = EntityId(analyzer, NameFeature(input.Language, key), surface);
            weights[id] = Math.Max(weights.GetValueOrDefault(id), (float)(_options.EntityBoost * (1 + Math.Log(count))));
            // The whole name must be in the headline: "Philippe De Villiers" does not name Edouard Philippe.
            if (key[1..].Split(' ').All(titleWords.Contains)) titleConcepts.Add(id);
        }

        var termIds = new int[weights.Count];
        weights.Keys.CopyTo(termIds, 0);
        Array.Sort(termIds);
        var values = new float[termIds.Length];
        for (var i = 0; i < termIds.Length; i++) values[i] = weights[termIds[i]];
        if (!_observed.Remove(input.EffectiveContentKey)) _terms.AddDocument(termIds);

        var day = input.Date is { } date ? (int)(date.Ticks / TimeSpan.TicksPerDay) : (_latestDay == int.MinValue ? 0 : _latestDay);
        if (day > _latestDay) _latestDay = day;
        return new ArticleRecord
        {
            Seq = _nextSeq++,
            SourceId = input.Id,
            ContentKey = input.EffectiveContentKey,
            Outlet = input.Outlet,
            Title = input.Title ?? "",
            Day = day,
            Ticks = input.Date?.Ticks ?? (long)day * TimeSpan.TicksPerDay,
            Terms = termIds,
            Weights = values,
            TitleConcepts = titleConcepts.Distinct().Order().ToArray(),
        };
    }

    private void PostTerms(ArticleRecord article, List<(int Term, double Weight)> topTerms)
    {
        foreach (var (term, _) in topTerms)
        {
            if (!_postings.TryGetValue(term, out var posting))
            {
                posting = new PostingList();
                _postings[term] = posting;
            }
            posting.Add(article.Seq, _options.PostingCapacity);
        }
    }

    /// <summary>The article's terms with the highest TF-IDF weight, best first (ties by term id).</summary>
    private List<(int Term, double Weight)> TopTerms(ArticleRecord article, int count)
    {
        var terms = article.Terms!;
        var list = new List<(int Term, double Weight)>(terms.Length);
        for (var i = 0; i < terms.Length; i++)
            list.Add((terms[i], article.Weights![i] * _terms.Idf(terms[i])));
        list.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : a.Term.CompareTo(b.Term));
        if (list.Count > count) list.RemoveRange(count, list.Count - count);
        // The headline's names and words are posted and looked up too, however common: two reports of one event that
        // share little else share what their headlines say ("Incendie de Notre-Dame").
        if (_options.IndexHeadlineTerms && article.TitleConcepts is { } headline)
            foreach (var term in headline)
                if (Array.BinarySearch(terms, term) is var at and >= 0 && !list.Exists(t => t.Term == term))
                    list.Add((term, article.Weights![at] * _terms.Idf(term)));
        return list;
    }

    private void TraceCandidates(ArticleRecord article, List<CandidateScore> ranked)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append($"ADD {article.SourceId} [{article.Title}]\n");
        foreach (var c in ranked.Take(3))
        {
            var story = _stories[_storyById[c.StoryId]];
            sb.Append($"   cand {c.StoryId} score {c.Score:F3} top {c.TopConceptShare:F2} cos {c.Cosine:F3} gap {c.GapDays:F1} size {c.Size} coh {c.Cohesion:F3} [{FounderTitle(story)}]\n      ");
            sb.Append(SharedTermsText(article.Terms!, article.Weights!, 1, story.CentroidTerms!, story.CentroidValues!, story.CentroidScale));
            sb.Append("\n      subject in story: ").Append(SubjectInStory(article.Terms!, article.Weights!, story.CentroidTerms!, story.CentroidValues!, HeadlineConceptsOf(article)));
            TopConcepts(article.Terms!, article.Weights!, _options.SubjectConcepts, _subject, entitiesOnly: true);
            foreach (var t in _subject) sb.Append(' ').Append(_terms.TermOf(t));
            sb.Append("\n      headlines meet: ").Append(HeadlinesMeet([article.Seq], story.Members)).Append(" article:");
            foreach (var t in article.TitleConcepts ?? []) sb.Append(' ').Append(_terms.TermOf(t));
            HeadlineCore(story.Members);
            sb.Append(" | story core:");
            foreach (var t in _headlineCore) sb.Append(' ').Append(_terms.TermOf(t));
            sb.Append('\n');
        }
        Trace!(sb.ToString());
    }

    private string SharedTermsText(int[] aTerms, float[] aValues, float aScale, int[] bTerms, float[] bValues, float bScale)
    {
        var parts = new List<(string, double)>();
        double total = 0;
        for (var i = 0; i < aTerms.Length; i++)
        {
            var k = Array.BinarySearch(bTerms, aTerms[i]);
            if (k < 0) continue;
            var idf = _terms.Idf(aTerms[i]);
            var v = aValues[i] * aScale * bValues[k] * bScale * idf * idf;
            total += v;
            parts.Add((_terms.TermOf(aTerms[i]), v));
        }
        return string.Join(" ", parts.OrderByDescending(p => p.Item2).Take(14).Select(p => $"{p.Item1}:{p.Item2 / total:P0}"));
    }

    // ---------------------------------------------------------------- records

    private sealed class ArticleRecord
    {
        public int Seq;
        public required string SourceId;
        public required string ContentKey;
        public string? Outlet;
        public required string Title;
        public int Day;
        /// <summary>Publication time, for ordering a story's articles (the day when the time is unknown).</summary>
        public long Ticks;
        /// <summary>Feature ids, ascending; null once the article's story has closed.</summary>
        public int[]? Terms;
        /// <summary>Sublinear term frequencies (with title and entity boosts), without IDF: IDF is applied when comparing.</summary>
        public float[]? Weights;
        public double IdfNorm;
        public int NormEpoch = -1;
        public int Story;
        public int CopyGroup = -1;
        public int ShingleCount;
        /// <summary>Cosines with the story's recent articles when this one joined (seqs and values), for split checks.</summary>
        public int[]? LinkSeqs;
        public float[]? LinkCosines;
        /// <summary>Concepts of the headline's words, ascending (empty when there is no headline).</summary>
        public int[]? TitleConcepts;
        public bool Archived => Terms is null;
    }
}
