namespace Recoupe.Core.Stories;

/// <summary>
/// Settings of the story clusterer. The defaults are the model; changing any of them changes stories, so a
/// change means a <c>recluster</c>.
/// </summary>
public sealed record StoryClusteringOptions
{
    /// <summary>A title word counts as this many body occurrences.</summary>
    public double TitleBoost { get; init; } = 2.0;

    /// <summary>Weight of an entity feature relative to a word (it comes on top of the word's own stem).</summary>
    public double EntityBoost { get; init; } = 1.0;

    /// <summary>How many of an article's highest-weighted terms are posted to, and looked up in, the inverted index.</summary>
    public int IndexTermsPerArticle { get; init; } = 20;

    /// <summary>How many recent articles an inverted-index entry keeps. Bounds the cost of a lookup.</summary>
    public int PostingCapacity { get; init; } = 32;

    /// <summary>How many candidate stories are scored exactly per article.</summary>
    public int MaxCandidates { get; init; } = 24;

    /// <summary>Articles further apart than this (in days) are never compared.</summary>
    public int WindowDays { get; init; } = 30;

    /// <summary>Days between an article and a story at which the time factor falls to one half.</summary>
    public double DecayHalfDays { get; init; } = 7.0;

    /// <summary>An article joins the best story when its time-weighted similarity reaches this.</summary>
    public double JoinThreshold { get; init; } = 0.25;

    /// <summary>Estimated Jaccard similarity of shingle sets from which two articles are copies.</summary>
    public double CopyJaccard { get; init; } = 0.5;

    /// <summary>Estimated share of the shorter article found in the longer one from which they are copies.</summary>
    public double CopyContainment { get; init; } = 0.8;

    public static StoryClusteringOptions Default { get; } = new();
}
