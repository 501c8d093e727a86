namespace Recoupe.Core.Languages;

/// <summary>French words the entity finder reads for their grammar.</summary>
public sealed class FrenchEntityRules : EntityRules
{
    public static readonly FrenchEntityRules Instance = new();

    protected override IReadOnlySet<string> OfWords { get; } = Words("de", "d'", "du", "des");
    protected override IReadOnlySet<string> SingularOfWords { get; } = Words("de", "d'", "du");
    protected override IReadOnlySet<string> BareOfWords { get; } = Words("de", "d'");
    protected override IReadOnlySet<string> ArticlesAfterOf { get; } = Words("la", "l'");
    protected override IReadOnlySet<string> DefiniteArticles { get; } = Words("le", "la", "l'");
    protected override IReadOnlySet<string> SingularIndefinites { get; } = Words("un", "une");
    protected override IReadOnlySet<string> Demonstratives { get; } = Words("ce", "cet", "cette");
    protected override IReadOnlySet<string> PluralDeterminers { get; } = Words("les", "des", "ces", "ses", "leurs", "nos", "vos");
    protected override IReadOnlySet<string> ToDeterminers { get; } = Words("au", "aux");
    protected override IReadOnlySet<string> FeminineDeterminers { get; } = Words("la", "cette", "une");
    protected override IReadOnlySet<string> MasculineDeterminers { get; } = Words("le", "ce", "cet", "un", "au", "du");
    protected override IReadOnlySet<string> PreverbalClitics { get; } = Words("ne", "n'", "lui", "se", "s'", "l'", "y");
    protected override IReadOnlySet<string> ViewIntroducers { get; } = Words("pour");
    protected override IReadOnlySet<string> PhraseBreakers { get; } = Words("qui", "que", "et");
    // (English names in French text keep their possessive: "McDonald's")
    protected override IReadOnlySet<string> PossessiveMarkers { get; } = Words("'s", "’s");
    public override ISet<string> KeyDropWords { get; } = new HashSet<string>(["de", "d", "du", "des", "la", "le", "l", "les"], StringComparer.Ordinal);
    public override bool ModifiersPrecedeNoun => false;
    // (French capitalises a title's first word only: "Le Rouge et le Noir")
    public override bool CapitalisesTitleWords => false;
}
