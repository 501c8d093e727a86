namespace Recoupe.Core.Stories;

/// <summary>Where one article went.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="StoryId">Its story now.</param>
/// <param name="Founded">True when the article started this story.</param>
/// <param name="CopyOf">The first article of its copy group when it is a near-duplicate, else null.</param>
public sealed record StoryAssignment(string ArticleId, string StoryId, bool Founded, string? CopyOf);

/// <summary>
/// A candidate story's score for an article: <see cref="Score"/> = centroid <see cref="Cosine"/> × cohesion factor × time
/// factor of <see cref="GapDays"/> (days between the article and the story's mean date).
/// </summary>
public readonly record struct CandidateScore(string StoryId, double Score, double Cosine, double GapDays)
{
    public int Size { get; init; }
    /// <summary>Mean cosine between the story's recent articles (1 for a single article).</summary>
    public double Cohesion { get; init; }
    /// <summary>Share of the similarity carried by the largest shared concept (computed for candidates at the join threshold, else 1).</summary>
    public double TopConceptShare { get; init; }
}

/// <summary>
/// A story as listed: its articles (by date), outlets, date range, a label made of its key entities and words, and the
/// headline of its most central article.
/// </summary>
public sealed record StoryView(string Id, IReadOnlyList<string> Articles, IReadOnlyList<string> Outlets,
    DateOnly FirstDate, DateOnly LastDate, string Label, string Headline,
    IReadOnlyList<string> KeyEntities, IReadOnlyList<string> KeyWords)
{
    public int Size => Articles.Count;

    /// <summary>True when no article has joined for twice the time window: the story no longer takes new articles.</summary>
    public bool Closed { get; init; }
}

/// <summary>Articles that are near-duplicates of each other: the first one (earliest published) and its copies, in arrival order.</summary>
public sealed record CopyGroupView(string OriginalId, IReadOnlyList<string> Copies);

public enum StoryEventKind { Merge, Split }

/// <summary>
/// A change of story identity: a merge (<see cref="From"/> stories absorbed into <see cref="Into"/>) or a split
/// (<see cref="Moved"/> articles left <see cref="From"/>[0] for the new story <see cref="Into"/>).
/// </summary>
public sealed record StoryEvent(int Sequence, StoryEventKind Kind, IReadOnlyList<string> From, string Into,
    IReadOnlyList<string> Moved, string TriggeredBy);

/// <summary>
/// What changed in a clusterer since changes were last taken (<see cref="StoryClusterer.TakeChanges"/>).
/// </summary>
/// <param name="Stories">Live stories that changed, as they are now.</param>
/// <param name="Redirects">Stories merged away: former id → the live story it now resolves to.</param>
/// <param name="CopyGroups">Copy groups that gained an article (or a new first article).</param>
/// <param name="Events">Merges and splits that happened.</param>
public sealed record StoryChanges(IReadOnlyList<StoryView> Stories, IReadOnlyDictionary<string, string> Redirects,
    IReadOnlyList<CopyGroupView> CopyGroups, IReadOnlyList<StoryEvent> Events);
