namespace Recoupe.Core.Languages;

/// <summary>
/// The words of one language the quotation finder reads for their grammar (pronouns, relative words, the word that
/// opens a reported clause), beside that language's data as spaCy keeps lang/fr beside French code. The finder
/// itself holds no word of any language.
/// </summary>
public abstract class QuoteRules
{
    /// <summary>Object pronouns between a subject and its verb, or before a verb ("lui a demandé", "l'a dit").</summary>
    protected abstract IReadOnlySet<string> ObjectPronouns { get; }

    public bool IsObjectPronoun(string lower) => ObjectPronouns.Contains(lower);

    public static QuoteRules For(string language) => language switch
    {
        "en" => EnglishQuoteRules.Instance,
        _ => FrenchQuoteRules.Instance,
    };

    // ---- words of the quotation decisions (QuoteFinder.Decisions, q15b)

    /// <summary>Clitics standing between a subject and its verb ("ne", "se", "lui").</summary>
    protected abstract IReadOnlySet<string> CliticsBeforeVerb { get; }
    /// <summary>Coordinators joining the items of a list ("et", "ou").</summary>
    protected abstract IReadOnlySet<string> ListCoordinators { get; }
    /// <summary>Words opening a subordinate clause ("qui", "que", "parce", "quand"), which continues the reporter's sentence.</summary>
    protected abstract IReadOnlySet<string> SubordinateOpeners { get; }
    /// <summary>The conditional opener ("si"): an utterance may open on it.</summary>
    protected abstract IReadOnlySet<string> ConditionalOpeners { get; }
    /// <summary>Clause markers that give the clause no subject of its own ("y", "il y a").</summary>
    protected abstract IReadOnlySet<string> SubjectlessClauseMarkers { get; }

    public bool IsCliticBeforeVerb(string lower) => CliticsBeforeVerb.Contains(lower);
    public bool IsListCoordinator(string lower) => ListCoordinators.Contains(lower);
    public bool OpensSubordinate(string lower) => SubordinateOpeners.Contains(lower) || ConditionalOpeners.Contains(lower);
    public bool IsConditional(string lower) => ConditionalOpeners.Contains(lower);
    public bool IsSubjectlessClauseMarker(string lower) => SubjectlessClauseMarkers.Contains(lower);

    // ------------------------------------------------------------ speaker attribution (issue 15, q15a)

    private static readonly IReadOnlySet<string> NoWords = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The word that opens a reported clause and never starts its verb's subject ("que", "that").</summary>
    protected virtual IReadOnlySet<string> Complementizers => NoWords;

    /// <summary>A relative pronoun that is the subject of its clause ("X, qui a affirmé", "X, who said").</summary>
    protected virtual IReadOnlySet<string> SubjectRelatives => NoWords;

    /// <summary>Prepositions that build a subject's noun phrase rather than govern an object ("le ministre de la Défense").</summary>
    protected virtual IReadOnlySet<string> SubjectBuildingPrepositions => NoWords;

    /// <summary>A preposition fused with its article ("au", "aux"): a role after it is spoken to, not speaking.</summary>
    protected virtual IReadOnlySet<string> FusedPrepositions => NoWords;

    /// <summary>The word that makes a gerund of the verb after it ("en disant"): the name before it is no subject.</summary>
    protected virtual IReadOnlySet<string> GerundMarkers => NoWords;

    /// <summary>Coordinators that may open a sentence before "selon X" ("Mais selon X, …").</summary>
    protected virtual IReadOnlySet<string> OpeningCoordinators => NoWords;

    /// <summary>The auxiliary of a perfect infinitive after a speech verb ("dit avoir tué").</summary>
    protected virtual IReadOnlySet<string> PerfectInfinitiveAuxiliaries => NoWords;

    /// <summary>A contrastive aside between an auxiliary and its verb, as its words in order ("quant à lui"); the last set holds the pronouns.</summary>
    protected virtual (string First, string Second, IReadOnlySet<string> Pronouns)? ContrastAside => null;

    /// <summary>Words right after a subject pronoun that make it impersonal ("il y a", "il s'agit", "il faut"): it stands for nobody.</summary>
    protected virtual IReadOnlySet<string> ImpersonalFollowers => NoWords;

    /// <summary>Determiners of a plural noun phrase ("les", "ces"): what they open is never one person named before.</summary>
    protected virtual IReadOnlySet<string> PluralDeterminers => NoWords;

    /// <summary>A subject pronoun that stands for no one in particular ("on"): never resolved to a speaker.</summary>
    protected virtual IReadOnlySet<string> IndefinitePronouns => NoWords;

    /// <summary>A reflexive pronoun before an auxiliary ("s'est exclamé"): part of the verb group.</summary>
    protected virtual IReadOnlySet<string> ReflexivePronouns => NoWords;

    /// <summary>Determiners that bring in someone not named before ("un avocat", "une source"), read from indefinite-determiners.txt.</summary>
    protected abstract IReadOnlySet<string> IndefiniteDeterminers { get; }

    /// <summary>
    /// A description that points at the person named last ("ce dernier", "cette dernière"), as its words in lower case
    /// joined by a space; the value is its gender.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, char> LastNamedAnaphors => NoAnaphors;

    private static readonly IReadOnlyDictionary<string, char> NoAnaphors = new Dictionary<string, char>(StringComparer.Ordinal);

    /// <summary>Is "<paramref name="first"/> <paramref name="second"/>" an anaphor of the person named last, and of which gender?</summary>
    public bool IsLastNamedAnaphor(string first, string second, out char gender) => LastNamedAnaphors.TryGetValue(first + " " + second, out gender);

    public bool IsPluralDeterminer(string lower) => PluralDeterminers.Contains(lower);
    public bool IsIndefinitePronoun(string lower) => IndefinitePronouns.Contains(lower);
    public bool IsReflexivePronoun(string lower) => ReflexivePronouns.Contains(lower);
    public bool IsComplementizer(string lower) => Complementizers.Contains(lower);
    public bool IsSubjectRelative(string lower) => SubjectRelatives.Contains(lower);
    public bool BuildsSubject(string lower) => SubjectBuildingPrepositions.Contains(lower);
    public bool IsFusedPreposition(string lower) => FusedPrepositions.Contains(lower);
    public bool IsGerundMarker(string lower) => GerundMarkers.Contains(lower);
    public bool IsOpeningCoordinator(string lower) => OpeningCoordinators.Contains(lower);
    public bool IsPerfectInfinitiveAuxiliary(string lower) => PerfectInfinitiveAuxiliaries.Contains(lower);
    public bool IsImpersonalFollower(string lower) => ImpersonalFollowers.Contains(lower);
    public bool IsIndefiniteDeterminer(string lower) => IndefiniteDeterminers.Contains(lower);

    /// <summary>Do these three words, in order, make the contrastive aside ("quant", "à", "lui")?</summary>
    public bool IsContrastAside(string first, string second, string third) =>
        ContrastAside is { } aside && first == aside.First && second == aside.Second && aside.Pronouns.Contains(third);

    protected static IReadOnlySet<string> Words(params string[] words) => new HashSet<string>(words, StringComparer.Ordinal);
}
