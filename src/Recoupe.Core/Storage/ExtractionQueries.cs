using Recoupe.Core.Extraction;
using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Storage;

/// <summary>A stored quotation with its article; <see cref="Text"/> is the article's clean text over the quotation's span.</summary>
public sealed record StoredQuote(ArticleRef Article, Quotation Quote, string Text);

/// <summary>A stored figure with its article; <see cref="Text"/> is the article's clean text over the figure's span.</summary>
public sealed record StoredFigure(ArticleRef Article, Figure Figure, string Text);

/// <summary>Which quotations to list: all, or those of one speaker (see <see cref="SpeakerFilter"/>); in article then text order.</summary>
public sealed record QuoteQuery
{
    /// <summary>A speaker's name or key as a reader types it ("poutine", "Vladimir Poutine", "putin"); null for every quotation.</summary>
    public string? Speaker { get; init; }
    /// <summary>At most this many rows; all when null.</summary>
    public int? Limit { get; init; }
}

/// <summary>Which figures to list, in article then text order.</summary>
public sealed record FigureQuery
{
    public int? Limit { get; init; }
}

/// <summary>
/// Does a speaker typed by a reader designate a stored speaker? Case, accents and transliteration do not count
/// ("poutine", "Poutine", "Vladimir Poutine" and "Putin" all find "Vladimir Poutine"); a name matches when every word
/// of the shorter of the two is in the longer (titles and determiners aside), or when the query is the stored key itself.
/// "Jean Dupont" does not find "Marie Dupont".
/// </summary>
public sealed class SpeakerFilter
{
    // Titles ("M.", "Mme") and determiners ("le", "la") say nothing about who is meant; taken from every language's data.
    private static readonly Lazy<HashSet<string>> Ignorable = new(() =>
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in LanguageResources.Available)
        {
            var resources = LanguageResources.For(code);
            foreach (var entry in resources.Set("person-titles").Concat(resources.Set("determiners")))
                foreach (var word in SlugWords(entry))
                    words.Add(word);
        }
        return words;
    });

    private readonly HashSet<string> _words;
    private readonly string _slug;
    private readonly string _surnameKey;

    public SpeakerFilter(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        Query = query.Trim();
        _words = Words(Query);
        _slug = TextFolding.Slug(Query);
        _surnameKey = NameKeys.Surname(Query);
        if (_words.Count == 0 && _slug.Length == 0)
            throw new ArgumentException($"speaker '{query}' has no letters or digits to match");
    }

    public string Query { get; }

    /// <summary>
    /// The stored keys that match by themselves, and the name words of which a stored name must hold one to match:
    /// what a store looks up in an index before <see cref="Matches"/> decides on the few pairs found.
    /// </summary>
    public IReadOnlyList<string> KeyCandidates => _words.Count == 1 && _surnameKey.Length > 0 ? [_slug, _surnameKey] : [_slug];

    /// <inheritdoc cref="KeyCandidates"/>
    public IReadOnlyList<string> WordCandidates => [.. _words.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The words by which <see cref="Matches"/> compares a stored name (folded, phonetic, titles and determiners left
    /// out): a name matches a query only when they share one, so a store may index them.
    /// </summary>
    public static IReadOnlyList<string> NameWords(string? name) =>
        string.IsNullOrWhiteSpace(name) ? [] : [.. Words(name).Order(StringComparer.Ordinal)];

    public bool Matches(string? name, string? key)
    {
        if (key is { Length: > 0 } && (key == _slug || (_words.Count == 1 && key == _surnameKey))) return true;
        if (string.IsNullOrWhiteSpace(name) || _words.Count == 0) return false;
        var nameWords = Words(name);
        if (nameWords.Count == 0) return false;
        return nameWords.Count <= _words.Count ? nameWords.IsSubsetOf(_words) : _words.IsSubsetOf(nameWords);
    }

    /// <summary>Folded, transliteration-tolerant words of a name, titles and determiners left out.</summary>
    private static HashSet<string> Words(string name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in SlugWords(name))
            if (!Ignorable.Value.Contains(word))
                words.Add(NameKeys.Phonetic(word));
        return words;
    }

    private static string[] SlugWords(string text) => TextFolding.Slug(text).Split('-', StringSplitOptions.RemoveEmptyEntries);
}
