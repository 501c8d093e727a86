namespace Recoupe.Core.Languages;

/// <summary>English words the entity finder reads for their grammar.</summary>
public sealed class EnglishEntityRules : EntityRules
{
    public static readonly EnglishEntityRules Instance = new();

    protected override IReadOnlySet<string> OfWords { get; } = Words("of");
    protected override IReadOnlySet<string> SingularOfWords { get; } = Words("of");
    protected override IReadOnlySet<string> BareOfWords { get; } = Words("of");
    protected override IReadOnlySet<string> ArticlesAfterOf { get; } = Words("the");
    protected override IReadOnlySet<string> DefiniteArticles { get; } = Words("the");
    protected override IReadOnlySet<string> SingularIndefinites { get; } = Words("a", "an");
    protected override IReadOnlySet<string> Demonstratives { get; } = Words("this", "that");
    protected override IReadOnlySet<string> PluralDeterminers { get; } = Words("these", "those", "their", "our", "your");
    // (English says "to the": the preposition stands apart)
    protected override IReadOnlySet<string> ToDeterminers { get; } = Words();
    // (English determiners carry no gender)
    protected override IReadOnlySet<string> FeminineDeterminers { get; } = Words();
    protected override IReadOnlySet<string> MasculineDeterminers { get; } = Words();
    // (English puts no clitic between a subject and its verb)
    protected override IReadOnlySet<string> PreverbalClitics { get; } = Words();
    protected override IReadOnlySet<string> ViewIntroducers { get; } = Words();
    protected override IReadOnlySet<string> PhraseBreakers { get; } = Words("who", "which", "and");
    protected override IReadOnlySet<string> PossessiveMarkers { get; } = Words("'s", "’s");
    public override ISet<string> KeyDropWords { get; } = new HashSet<string>(["of", "the"], StringComparer.Ordinal);
    public override bool ModifiersPrecedeNoun => true;
    public override bool CapitalisesTitleWords => true;
}
