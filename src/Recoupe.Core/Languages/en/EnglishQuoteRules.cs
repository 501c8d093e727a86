namespace Recoupe.Core.Languages;

/// <summary>English words the quotation finder reads for their grammar.</summary>
public sealed class EnglishQuoteRules : QuoteRules
{
    public static readonly EnglishQuoteRules Instance = new();

    // (English puts its object after the verb: none stands between a subject and its verb)
    protected override IReadOnlySet<string> ObjectPronouns { get; } = new HashSet<string>(StringComparer.Ordinal);

    // ------------------------------------------------------------ speaker attribution (issue 15, q15a)

    protected override IReadOnlySet<string> Complementizers { get; } = Words("that");
    protected override IReadOnlySet<string> SubjectRelatives { get; } = Words("who", "which");
    protected override IReadOnlySet<string> PluralDeterminers { get; } = Words("these", "those", "several", "many", "some");
    protected override IReadOnlySet<string> IndefiniteDeterminers { get; } = LanguageResources.For("en").Set("indefinite-determiners", StringComparer.Ordinal);
}
