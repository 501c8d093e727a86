namespace Recoupe.Core.Languages;

/// <summary>French words the quotation finder reads for their grammar.</summary>
public sealed class FrenchQuoteRules : QuoteRules
{
    public static readonly FrenchQuoteRules Instance = new();

    protected override IReadOnlySet<string> ObjectPronouns { get; } =
        new HashSet<string>(["l'", "le", "la", "les", "me", "m'", "nous", "vous", "leur", "lui"], StringComparer.Ordinal);
}
