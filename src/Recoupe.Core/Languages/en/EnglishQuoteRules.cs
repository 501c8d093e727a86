namespace Recoupe.Core.Languages;

/// <summary>English words the quotation finder reads for their grammar.</summary>
public sealed class EnglishQuoteRules : QuoteRules
{
    public static readonly EnglishQuoteRules Instance = new();

    // (English puts its object after the verb: none stands between a subject and its verb)
    protected override IReadOnlySet<string> ObjectPronouns { get; } = new HashSet<string>(StringComparer.Ordinal);
}
