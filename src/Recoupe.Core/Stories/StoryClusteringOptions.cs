namespace Recoupe.Core.Stories;

/// <summary>
/// Settings of the story clusterer. The defaults are the model; changing any of them changes stories, so a
/// change means a <c>recluster</c>.
/// </summary>
public sealed record StoryClusteringOptions
{
    /// <summary>A title word counts as this many body occurrences.</summary>
    public double TitleBoost { get; init; } = 2.0;

    /// <summary>Weight of an entity feature relative to a word (it comes on top of the word's own stem): who and where
    /// tell one event from another of the same kind.</summary>
    public double EntityBoost { get; init; } = 2.0;

    /// <summary>How many of an article's highest-weighted terms are posted to, and looked up in, the inverted index.</summary>
    public int IndexTermsPerArticle { get; init; } = 20;

    /// <summary>The terms of an article's headline are posted to, and looked up in, the inverted index as well as its
    /// heaviest terms: a name every article of a big story repeats has a low weight, but the headlines still say it.</summary>
    public bool IndexHeadlineTerms { get; init; } = true;

    /// <summary>How many recent articles an inverted-index entry keeps. Bounds the cost of a lookup.</summary>
    public int PostingCapacity { get; init; } = 32;

    /// <summary>How many candidate stories are scored exactly per article.</summary>
    public int MaxCandidates { get; init; } = 24;

    /// <summary>Articles further apart than this (in days) are never compared.</summary>
    public int WindowDays { get; init; } = 30;

    /// <summary>Days between an article and a story's mean date at which the time factor falls to one half. A story runs
    /// over about two weeks: its first and last articles (±7 days from its mean) keep two thirds of their weight.</summary>
    public double DecayHalfDays { get; init; } = 10.0;

    /// <summary>
    /// Groups whose time-weighted similarity reaches this belong to one story. Calibrated without labels: in a
    /// time-shuffled stream of the 4,962 fr-news articles (same density, no true same-story neighbours) about 4 % of
    /// articles find a candidate this similar, so a join at this level is rare by chance.
    /// </summary>
    public double JoinThreshold { get; init; } = 0.2;

    /// <summary>
    /// Lowest mean pairwise similarity a story is credited with when it is compared (the cohesion factor): 0 would be
    /// centroid linkage, 1 average linkage. At 0.5 a large story lowers the bar for an article's mean similarity to its
    /// members to at most √0.5 ≈ 0.7 of the bar for a single article: group evidence counts, but a loose story cannot
    /// pull in articles that are only vaguely like each of its members (which chains topics into month-long blobs).
    /// </summary>
    public double CohesionFloor { get; init; } = 0.5;

    /// <summary>
    /// Share of the join threshold a similarity must still reach once its largest shared concept is taken out: a story
    /// needs two independent pieces of evidence, not one name or word shared by every article of the week.
    /// </summary>
    public double EvidenceBeyondTopConcept { get; init; } = 0.4;

    /// <summary>
    /// Two stories an article bridges merge only when their articles are alike on average (mean cross cosine × time
    /// factor) at this share of the join threshold, on top of their centroids linking at the threshold.
    /// </summary>
    public double MergeMeanLinkShare { get; init; } = 0.75;

    /// <summary>How many of an article's heaviest concepts stand for its subject (see <see cref="StoryThemeConcepts"/>).</summary>
    public int SubjectConcepts { get; init; } = 3;

    /// <summary>How many of a story's heaviest concepts say what it is about: an article joins only when one of its
    /// subject concepts is among them.</summary>
    public int StoryThemeConcepts { get; init; } = 50;

    /// <summary>
    /// Share of the join threshold an article needs to join a story when its headline names what a headline of the story
    /// names, within <see cref="HeadlineNameDays"/>: two outlets reporting one event word it apart, but call its place,
    /// people or organisation by the same name in their headlines the same days.
    /// </summary>
    public double HeadlineNameShare { get; init; } = 0.5;

    /// <summary>
    /// Share of the join threshold that replaces <see cref="HeadlineNameShare"/> when the two headlines share a name and
    /// another concept (a name and what happened there: "Incendie de Notre-Dame").
    /// </summary>
    public double HeadlineNameAndWordShare { get; init; } = 0.3;

    /// <summary>Headlines that share a name and another concept within <see cref="HeadlineNameDays"/> say the subject is
    /// the same, whatever the bodies' heaviest names (see <see cref="SubjectConcepts"/>): a reaction names its own
    /// speakers most, but its headline names the event it reacts to.</summary>
    public bool HeadlineNameAndWordIsSubject { get; init; } = true;

    /// <summary>Days between the article and the story (mean date, and the member whose headline shares the name) within which <see cref="HeadlineNameShare"/> applies.</summary>
    public double HeadlineNameDays { get; init; } = 2;

    /// <summary>Estimated Jaccard similarity of shingle sets from which two articles are copies.</summary>
    public double CopyJaccard { get; init; } = 0.5;

    /// <summary>Estimated share of the shorter article found in the longer one from which they are copies.</summary>
    public double CopyContainment { get; init; } = 0.8;

    /// <summary>Words the language's digest concepts (digest-concepts.txt) give one concept count as one feature.</summary>
    public bool ThesaurusConcepts { get; init; }

    /// <summary>Names the language's name variants (name-variants.txt) give one key count as that key: "RDC" and "République démocratique du Congo" are one name.</summary>
    public bool FoldNameVariants { get; init; }

    /// <summary>As <see cref="FoldNameVariants"/>, and the language's place names and nationality nouns count as the
    /// usual name of their place in that language ("États-Unis" → Etats-Unis, "Russes" → Russie); not the place
    /// list's language-neutral keys: with those ("Syrie" → syria) three fr-news reports on Syria joined the seeds' story. On (model
    /// v7): stories-dev pairwise F1 0.902 -> 0.911, B-cubed 0.974 -> 0.977; story pairs dev unchanged (0.850 at 0.823).</summary>
    public bool FoldPlaceNames { get; init; } = true;

    /// <summary>Headline words the language's thesaurus (thesaurus.txt) relates count as shared between two headlines.</summary>
    public bool HeadlineThesaurus { get; init; }

    /// <summary>An article its best candidate's centroid turns down is compared with that story's best-matching recent article.</summary>
    public bool SecondChance { get; init; }

    /// <summary>When two headlines share a name and at least this many concepts in all (0: never), the rest of the
    /// evidence is weighed at the lower bar of <see cref="HeadlineNameAndWordShare"/> too.</summary>
    public int HeadlineEvidenceConcepts { get; init; }

    public static StoryClusteringOptions Default { get; } = new();
}
