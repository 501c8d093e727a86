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
}
