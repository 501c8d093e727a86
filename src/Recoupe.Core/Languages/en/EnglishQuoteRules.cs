namespace Recoupe.Core.Languages;

/// <summary>English words the quotation finder reads for their grammar.</summary>
public sealed class EnglishQuoteRules : QuoteRules
{
    public static readonly EnglishQuoteRules Instance = new();

    // (English puts its object after the verb: none stands between a subject and its verb)
    protected override IReadOnlySet<string> ObjectPronouns { get; } = new HashSet<string>(StringComparer.Ordinal);

    // ---- words of the quotation decisions (q15b)
    // (English puts no clitic between a subject and its verb)
    protected override IReadOnlySet<string> CliticsBeforeVerb { get; } = Words();
    protected override IReadOnlySet<string> ListCoordinators { get; } = Words("and", "or");
    protected override IReadOnlySet<string> SubordinateOpeners { get; } = Words("who", "which", "because", "when", "whose", "where");
    protected override IReadOnlySet<string> ConditionalOpeners { get; } = Words("if");
    // (each English clause marker brings a subject of its own, "there" included)
    protected override IReadOnlySet<string> SubjectlessClauseMarkers { get; } = Words();

    // ------------------------------------------------------------ speaker attribution (issue 15, q15a)

    protected override IReadOnlySet<string> Complementizers { get; } = Words("that");
    protected override IReadOnlySet<string> SubjectRelatives { get; } = Words("who", "which");
    protected override IReadOnlySet<string> PluralDeterminers { get; } = Words("these", "those", "several", "many", "some");
    protected override IReadOnlySet<string> IndefiniteDeterminers { get; } = LanguageResources.For("en").Set("indefinite-determiners", StringComparer.Ordinal);
}
