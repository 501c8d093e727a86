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

    protected static IReadOnlySet<string> Words(params string[] words) => new HashSet<string>(words, StringComparer.Ordinal);
}
