using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Digest;

/// <summary>How an outlet carries a claim in the coverage matrix.</summary>
public enum CoverageStatus { Reported, Differently, NotReported }

/// <summary>How a supporting sentence relates to a summary sentence.</summary>
public enum SupportRelation { Same, Differently }

public enum ClaimKind { Summary, Quote, Figure }

/// <summary>A story's digest: what happened, who says what, which figures by whom, who covers what, and when.</summary>
public sealed record StoryDigest
{
    public required DigestStory Story { get; init; }
    public required IReadOnlyList<SummaryItem> Summary { get; init; }
    public required IReadOnlyList<SpeakerStatements> Speakers { get; init; }
    public required IReadOnlyList<FigureQuantity> Figures { get; init; }
    public required CoverageMatrix Coverage { get; init; }
    public required IReadOnlyList<TimelineEvent> Timeline { get; init; }
    /// <summary>Facts only one outlet states (ids x1, x2, …), in time order.</summary>
    public IReadOnlyList<SummaryItem> Exclusives { get; init; } = [];
    /// <summary>Stated facts one outlet asserts and another denies (numbers: see the figures' conflicts).</summary>
    public IReadOnlyList<Contradiction> Contradictions { get; init; } = [];
}

/// <summary>Two outlets' sentences about the same thing with opposite polarity (<see cref="Kind"/> "negation").</summary>
public sealed record Contradiction
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public double Similarity { get; init; }
    public required IReadOnlyList<ContradictionSide> Sides { get; init; }
}

public sealed record ContradictionSide(string Outlet, bool Negative, Evidence Evidence);

public sealed record DigestStory
{
    /// <summary>The story id when the digest was asked for a stored story; null for a hand-picked set of articles.</summary>
    public string? Id { get; init; }
    public string? Label { get; init; }
    public required IReadOnlyList<DigestArticle> Articles { get; init; }
    public required IReadOnlyList<DigestOutlet> Outlets { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
}

public sealed record DigestArticle(long Id, string Outlet, string? Agency, string? Title, DateTime? Published, string Language);

/// <summary>An outlet of the story: the name the digest shows (outlet, else agency, else the article) and its articles.</summary>
public sealed record DigestOutlet(string Name, IReadOnlyList<long> Articles);

/// <summary>One sentence of the extractive summary, with the outlets that state the same thing.</summary>
public sealed record SummaryItem
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required string Outlet { get; init; }
    public required Evidence Evidence { get; init; }
    /// <summary>Every outlet that states it (the sentence's own outlet first).</summary>
    public required IReadOnlyList<string> Outlets { get; init; }
    /// <summary>The closest sentence of each other article that states it (or states it with other numbers or the opposite polarity).</summary>
    public required IReadOnlyList<SupportingSentence> Support { get; init; }
    public double Score { get; init; }
}

public sealed record SupportingSentence(string Outlet, SupportRelation Relation, double Similarity, Evidence Evidence);

public sealed record Speaker(string Name, string? Key);

/// <summary>Everything one speaker is reported to have said in the story.</summary>
public sealed record SpeakerStatements(Speaker Speaker, IReadOnlyList<Statement> Statements);

/// <summary>
/// One statement as the outlets report it: its variants side by side (one per quotation), worded alike or not.
/// Partial quotations contained in a fuller one are attached to it.
/// </summary>
public sealed record Statement
{
    public required string Id { get; init; }
    public required Speaker Speaker { get; init; }
    /// <summary>The fullest direct variant (or the fullest of any kind): the statement's reference wording.</summary>
    public required string Text { get; init; }
    public required IReadOnlyList<string> Outlets { get; init; }
    /// <summary>True when outlets quote different words for it.</summary>
    public bool WordedDifferently { get; init; }
    public required IReadOnlyList<QuoteVariant> Variants { get; init; }
}

public sealed record QuoteVariant
{
    public required string Outlet { get; init; }
    public required long ArticleId { get; init; }
    public required string Text { get; init; }
    public required QuoteKind Kind { get; init; }
    public string? Cue { get; init; }
    /// <summary>The speaker as this article names them, with the extractor's key (DESIGN.md quotation shape).</summary>
    public required Speaker Speaker { get; init; }
    /// <summary>True when this variant's words differ from the reference wording (not a mere subset of it).</summary>
    public bool Differs { get; init; }
    /// <summary>For a partial quotation: the variant (index in <see cref="Statement.Variants"/>) that contains it.</summary>
    public int? PartOf { get; init; }
    public required Evidence Evidence { get; init; }
}

/// <summary>A quantity the story's figures count (same counted thing, same kind of unit), with its claims.</summary>
public sealed record FigureQuantity
{
    public required string Id { get; init; }
    /// <summary>What is counted, as the most frequent wording gives it; null for figures whose counted thing is unknown.</summary>
    public string? Counts { get; init; }
    public string? Unit { get; init; }
    /// <summary>False when no figure of it says what it measures (a unit alone: "180 mm", "100 000 euros"): kept out of conflicts.</summary>
    public bool ClearReferent { get; init; } = true;
    public required IReadOnlyList<FigureClaim> Claims { get; init; }
}

/// <summary>
/// Figures about one quantity with the same scope at the same time: they should agree. <see cref="Conflicts"/>
/// lists the pairs that cannot both be true (qualifiers and rounding allowed for).
/// </summary>
public sealed record FigureClaim
{
    public required string Id { get; init; }
    public string? Scope { get; init; }
    public DateOnly? Date { get; init; }
    public required IReadOnlyList<FigureItem> Items { get; init; }
    public required IReadOnlyList<FigureConflict> Conflicts { get; init; }
    public required IReadOnlyList<string> Outlets { get; init; }
}

/// <summary>
/// One figure of a claim: the extracted <see cref="Model.Figure"/> itself (one shape from extraction through the store
/// to here), the article it comes from and the sentence it stands in, shown flat as the digest JSON has always written it.
/// </summary>
public sealed record FigureItem : FlatFigure
{
    public FigureItem(Figure figure) : base(figure) { }

    public string? ClaimedByKey => Figure.ClaimedByKey;
    /// <summary>The figure as the digest writes it, by its language's rules ("moins d'une heure").</summary>
    public string? Shown { get; init; }
    /// <summary>What it counts as its article says it ("centres de commandement", "matériel médical"); null when nothing says it.</summary>
    public string? Referent { get; init; }
    public required string Outlet { get; init; }
    public required long ArticleId { get; init; }
    public DateOnly? Date { get; init; }
    /// <summary>The figure as written.</summary>
    public required Evidence Evidence { get; init; }
    /// <summary>The sentence it stands in.</summary>
    public required Evidence Sentence { get; init; }
    /// <summary>Where its article's title or lead repeats it: shown with it, not as an item of its own.</summary>
    public IReadOnlyList<Evidence> Repeated { get; init; } = [];

    /// <summary>
    /// Reads the flat JSON form back (<see cref="Rendering.DigestJson.Parse"/>). The parameters without a default are
    /// what the API description (/openapi/v1.json) lists as required, as it did when the item copied the figure's fields.
    /// </summary>
    [JsonConstructor, SetsRequiredMembers]
    public FigureItem(decimal value, string outlet, long articleId, Evidence evidence, Evidence sentence,
        string? unit = null, string? counts = null, string? qualifier = null, string? scope = null, string? claimedBy = null,
        string? claimedByKey = null, DateOnly? date = null, string? shown = null, string? referent = null)
        : base(Read(evidence, value, unit, counts, qualifier, scope, claimedBy, claimedByKey))
    {
        Outlet = outlet;
        ArticleId = articleId;
        Date = date;
        Shown = shown;
        Referent = referent;
        Evidence = evidence;
        Sentence = sentence;
    }
}

/// <summary>Two items of a claim (indexes into <see cref="FigureClaim.Items"/>) that disagree, and why.</summary>
public sealed record FigureConflict(int First, int Second, string Reason);

public sealed record CoverageMatrix(IReadOnlyList<CoverageClaim> Claims, IReadOnlyList<CoverageGroup> Groups);

/// <summary>One row of the matrix: a summary sentence, a statement or a figure claim.</summary>
public sealed record CoverageClaim(string Id, ClaimKind Kind, string Label, IReadOnlyDictionary<string, CoverageStatus> ByOutlet);

/// <summary>Outlets shown together (a user's group, or every outlet when there is none); cells are in <see cref="Outlets"/> order.</summary>
public sealed record CoverageGroup(string Name, IReadOnlyList<string> Outlets, IReadOnlyList<CoverageRow> Rows);

public sealed record CoverageRow(string ClaimId, IReadOnlyList<CoverageStatus> Cells);

/// <summary>A dated event the articles mention, with the sentence that says it and every source that does.</summary>
public sealed record TimelineEvent
{
    public required DateOnly Date { get; init; }
    /// <summary>"day", "month" or "year"; "about-day" for a weekday of an undated article read against the story's dates.</summary>
    public required string Precision { get; init; }
    public required string Text { get; init; }
    public required Evidence Evidence { get; init; }
    /// <summary>The date as the text writes it.</summary>
    public required Evidence DateEvidence { get; init; }
    public required IReadOnlyList<string> Outlets { get; init; }
    public required IReadOnlyList<TimelineSource> Sources { get; init; }
}

public sealed record TimelineSource(string Outlet, Evidence Evidence);

/// <summary>A user's group of outlets for the coverage matrix ("agences" = AFP, Reuters).</summary>
public sealed record OutletGroup(string Name, IReadOnlyList<string> Members)
{
    /// <summary>Parses "name=A,B,C"; the name may not be empty and there must be at least one member.</summary>
    public static OutletGroup Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"group '{text}': expected NAME=OUTLET[,OUTLET…]");
        var name = text[..eq].Trim();
        var members = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (name.Length == 0 || members.Length == 0)
            throw new FormatException($"group '{text}': expected NAME=OUTLET[,OUTLET…]");
        return new OutletGroup(name, members);
    }
}

public sealed record DigestOptions
{
    /// <summary>Bounds of the summary length the digest chooses when none is asked for.</summary>
    public const int MinSentences = 5;
    public const int MaxSentences = 8;

    /// <summary>Summary length; null lets the digest choose between 5 and 8 sentences.</summary>
    public int? Sentences { get; init; }
    public IReadOnlyList<OutletGroup> Groups { get; init; } = [];
    public string? StoryId { get; init; }
    public string? StoryLabel { get; init; }
}
