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
    protected override IReadOnlySet<string> SubordinateOpeners { get; } = Words("qui", "que", "qu'", "parce", "lorsque", "quand", "dont", "où");
    protected override IReadOnlySet<string> ConditionalOpeners { get; } = Words("si");
    protected override IReadOnlySet<string> SubjectlessClauseMarkers { get; } = Words("y", "il y a");

    // ------------------------------------------------------------ speaker attribution (issue 15, q15a)

    protected override IReadOnlySet<string> Complementizers { get; } = Words("que", "qu'");
    protected override IReadOnlySet<string> SubjectRelatives { get; } = Words("qui");
    protected override IReadOnlySet<string> SubjectBuildingPrepositions { get; } = Words("de", "d'", "des", "du");
    protected override IReadOnlySet<string> FusedPrepositions { get; } = Words("au", "aux");
    protected override IReadOnlySet<string> GerundMarkers { get; } = Words("en");
    protected override IReadOnlySet<string> OpeningCoordinators { get; } = Words("mais", "et");
    protected override IReadOnlySet<string> PerfectInfinitiveAuxiliaries { get; } = Words("avoir");
    protected override (string First, string Second, IReadOnlySet<string> Pronouns)? ContrastAside { get; } = ("quant", "à", Words("lui", "elle", "eux", "elles"));
    protected override IReadOnlySet<string> PluralDeterminers { get; } = Words("les", "des", "ces", "leurs", "plusieurs", "certains", "certaines", "quelques", "nos", "vos", "ses", "mes", "tes");
    protected override IReadOnlySet<string> IndefinitePronouns { get; } = Words("on");
    protected override IReadOnlySet<string> ReflexivePronouns { get; } = Words("s'", "se");
    protected override IReadOnlySet<string> ImpersonalFollowers { get; } = Words("y", "s'agit", "agit", "faut", "fallait", "faudra", "suffit", "semble", "paraît");
    protected override IReadOnlyDictionary<string, char> LastNamedAnaphors { get; } =
        new Dictionary<string, char>(StringComparer.Ordinal) { ["ce dernier"] = 'm', ["cette dernière"] = 'f' };
    protected override IReadOnlySet<string> IndefiniteDeterminers { get; } = LanguageResources.For("fr").Set("indefinite-determiners", StringComparer.Ordinal);
}
