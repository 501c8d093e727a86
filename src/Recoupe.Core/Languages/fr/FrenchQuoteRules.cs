namespace Recoupe.Core.Languages;

/// <summary>French words the quotation finder reads for their grammar.</summary>
public sealed class FrenchQuoteRules : QuoteRules
{
    public static readonly FrenchQuoteRules Instance = new();

    protected override IReadOnlySet<string> ObjectPronouns { get; } =
        new HashSet<string>(["l'", "le", "la", "les", "me", "m'", "nous", "vous", "leur", "lui"], StringComparer.Ordinal);

    // ---- words of the quotation decisions (q15b)
    protected override IReadOnlySet<string> CliticsBeforeVerb { get; } = Words("ne", "n'", "se", "s'", "l'", "le", "la", "les", "lui", "y", "en");
    protected override IReadOnlySet<string> ListCoordinators { get; } = Words("et", "ou");
    protected override IReadOnlySet<string> SubordinateOpeners { get; } = Words("qui", "que", "parce", "lorsque", "quand", "dont", "où");
    protected override IReadOnlySet<string> ConditionalOpeners { get; } = Words("si");
    protected override IReadOnlySet<string> SubjectlessClauseMarkers { get; } = Words("y", "il y a");
}
