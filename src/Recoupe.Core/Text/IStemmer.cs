namespace Recoupe.Core.Text;

/// <summary>Reduces a lower-case word to a stem shared by its inflected and derived forms.</summary>
public interface IStemmer
{
    /// <summary>The stem of <paramref name="word"/>, which must already be lower-case (accents kept).</summary>
    string Stem(string word);
}

/// <summary>Stemmer for a language code; words of languages without one are left as they are.</summary>
public static class Stemmers
{
    private static readonly IStemmer French = new FrenchStemmer();
    private static readonly IStemmer English = new EnglishStemmer();
    private static readonly IStemmer Identity = new IdentityStemmer();

    public static IStemmer For(string language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => Identity,
    };

    private sealed class IdentityStemmer : IStemmer
    {
        public string Stem(string word) => word;
    }
}
