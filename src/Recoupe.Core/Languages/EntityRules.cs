namespace Recoupe.Core.Languages;

/// <summary>
/// The words of one language the entity finder reads for their grammar (the particle that joins a complement, the
/// clitics between a subject and its verb, determiners that tell number and gender), beside that language's data.
/// The finder itself holds no word of any language.
/// </summary>
public abstract class EntityRules
{
    /// <summary>The particle joining a complement, with its forms fused with an article ("de", "du", "des").</summary>
    protected abstract IReadOnlySet<string> OfWords { get; }
    /// <summary>The forms of <see cref="OfWords"/> that carry no plural ("de", "d'", "du").</summary>
    protected abstract IReadOnlySet<string> SingularOfWords { get; }
    /// <summary>The particle alone, without an article fused into it ("de", "d'").</summary>
    protected abstract IReadOnlySet<string> BareOfWords { get; }
    /// <summary>An article written after the bare particle ("de la", "de l'").</summary>
    protected abstract IReadOnlySet<string> ArticlesAfterOf { get; }
    /// <summary>Singular definite articles ("le", "la").</summary>
    protected abstract IReadOnlySet<string> DefiniteArticles { get; }
    /// <summary>Singular indefinite articles ("un", "une"): someone new.</summary>
    protected abstract IReadOnlySet<string> SingularIndefinites { get; }
    /// <summary>Demonstratives ("ce", "cette"): someone spoken of before.</summary>
    protected abstract IReadOnlySet<string> Demonstratives { get; }
    /// <summary>Determiners of a plural ("les", "ces", "leurs").</summary>
    protected abstract IReadOnlySet<string> PluralDeterminers { get; }
    /// <summary>A preposition fused with an article that marks the one spoken to ("au", "aux"), never a subject.</summary>
    protected abstract IReadOnlySet<string> ToDeterminers { get; }
    /// <summary>Determiners of a feminine and of a masculine noun.</summary>
    protected abstract IReadOnlySet<string> FeminineDeterminers { get; }
    protected abstract IReadOnlySet<string> MasculineDeterminers { get; }
    /// <summary>Clitics between a subject and its verb ("ne", "se", "lui").</summary>
    protected abstract IReadOnlySet<string> PreverbalClitics { get; }
    /// <summary>A preposition before a stressed pronoun that gives its view ("pour elle").</summary>
    protected abstract IReadOnlySet<string> ViewIntroducers { get; }
    /// <summary>Words that end an apposition's role phrase: a relative word or a coordinator ("qui", "et").</summary>
    protected abstract IReadOnlySet<string> PhraseBreakers { get; }
    /// <summary>The possessive ending split off a name ("'s").</summary>
    protected abstract IReadOnlySet<string> PossessiveMarkers { get; }
    /// <summary>Folded particles and articles left out of the key of a body's name or a role ("de", "la").</summary>
    public abstract ISet<string> KeyDropWords { get; }
    /// <summary>Does the language capitalise every content word of a title or heading ("The Empire Strikes Back")?</summary>
    public abstract bool CapitalisesTitleWords { get; }
    /// <summary>Do modifiers stand before their noun ("a single USB port") rather than after it ("le syndicat CGT")?</summary>
    public abstract bool ModifiersPrecedeNoun { get; }

    public bool IsOf(string lower) => OfWords.Contains(lower);
    public bool IsSingularOf(string lower) => SingularOfWords.Contains(lower);
    public bool IsBareOf(string lower) => BareOfWords.Contains(lower);
    public bool IsArticleAfterOf(string lower) => ArticlesAfterOf.Contains(lower);
    public bool IsDefiniteArticle(string lower) => DefiniteArticles.Contains(lower);
    public bool IsSingularIndefinite(string lower) => SingularIndefinites.Contains(lower);
    public bool IsDemonstrative(string lower) => Demonstratives.Contains(lower);
    public bool IsPluralDeterminer(string lower) => PluralDeterminers.Contains(lower);
    public bool IsToDeterminer(string lower) => ToDeterminers.Contains(lower);
    public bool IsPreverbalClitic(string lower) => PreverbalClitics.Contains(lower);
    public bool IsViewIntroducer(string lower) => ViewIntroducers.Contains(lower);
    public bool IsPhraseBreaker(string lower) => PhraseBreakers.Contains(lower);
    public bool IsPossessiveMarker(string lower) => PossessiveMarkers.Contains(lower);

    /// <summary>The gender a determiner gives its noun: 'f', 'm', or '\0' when it tells none.</summary>
    public char GenderOfDeterminer(string lower) => FeminineDeterminers.Contains(lower) ? 'f' : MasculineDeterminers.Contains(lower) ? 'm' : '\0';

    public static EntityRules For(string language) => language switch
    {
        "en" => EnglishEntityRules.Instance,
        _ => FrenchEntityRules.Instance,
    };

    protected static IReadOnlySet<string> Words(params string[] words) => new HashSet<string>(words, StringComparer.Ordinal);
}
