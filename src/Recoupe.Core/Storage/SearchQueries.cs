using System.Globalization;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>One thing to look for: a word (or a word prefix, typed <c>word*</c>), or an exact phrase typed in double quotes.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    public bool IsPhrase => Words.Count > 1;
}

/// <summary>
/// A full-text query as a reader types it: words, <c>"exact phrases"</c>, <c>prefix*</c>. Every term must match (AND).
/// Case and accents do not count ("etat" finds "État"); punctuation separates words, so "l'armée" is "l" + "armée".
/// Parsing keeps letters and digits only, so no query can carry a store's own query syntax.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxTerms = 32;
    public const int MaxLimit = 200;

    private SearchQuery(string text, IReadOnlyList<SearchTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>What was typed, trimmed.</summary>
    public string Text { get; }
    public IReadOnlyList<SearchTerm> Terms { get; }
    public int Limit { get; init; } = 20;
    public int Offset { get; init; }

    /// <summary>Parses a typed query; throws <see cref="ArgumentException"/> with a reader-facing message when it has nothing to look for.</summary>
    public static SearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("the query is empty: give some words to look for");
        var terms = new List<SearchTerm>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inPhrase = false;

        void EndWord(bool prefix)
        {
            if (word.Length == 0) return;
            words.Add(word.ToString());
            word.Clear();
            if (inPhrase) return;
            terms.Add(new SearchTerm([.. words], prefix));
            words.Clear();
        }

        void EndPhrase()
        {
            EndWord(false);
            if (words.Count > 0) terms.Add(new SearchTerm([.. words], false));
            words.Clear();
        }

        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune)
                || (word.Length > 0 && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
                word.Append(text, i, consumed); // a combining accent belongs to its letter
            else if (rune.Value == '"')
            {
                if (inPhrase) EndPhrase(); else EndWord(false);
                inPhrase = !inPhrase;
            }
            else if (rune.Value == '*')
                EndWord(prefix: !inPhrase);
            else
                EndWord(false);
            i += consumed;
        }
        if (inPhrase) EndPhrase(); else EndWord(false);

        if (terms.Count == 0) throw new ArgumentException($"the query '{text.Trim()}' has no letters or digits to look for");
        if (terms.Count > MaxTerms) throw new ArgumentException($"the query has {terms.Count} terms; at most {MaxTerms} are allowed");
        return new SearchQuery(text.Trim(), terms);
    }

    /// <summary>A copy with paging checked: limit 1…<see cref="MaxLimit"/>, offset 0 or more.</summary>
    public SearchQuery Page(int limit, int offset)
    {
        if (limit is < 1 or > MaxLimit) throw new ArgumentException($"limit must be between 1 and {MaxLimit}");
        if (offset < 0) throw new ArgumentException("offset must not be negative");
        return this with { Limit = limit, Offset = offset };
    }
}

/// <summary>
/// A short passage of an article around what matched; <see cref="Matches"/> are offsets into <see cref="Text"/> (UTF-16,
/// end exclusive) of the words that matched, so a page can mark them without reading any markup.
/// </summary>
public sealed record SearchSnippet(string Text, IReadOnlyList<TextRange> Matches);

/// <summary>An article that matched, best first.</summary>
public sealed record ArticleSearchHit(long Id, DateTime? Published, string? Outlet, string Language, string? Title,
    SearchSnippet Snippet, double Score);

/// <summary>A quotation that matched (its text or its speaker): its span in the article's clean text.</summary>
public sealed record QuoteSearchHit(long ArticleId, int Start, int End, string Text, QuoteKind Kind, string? SpeakerName,
    string? SpeakerKey, DateTime? Published, string? Outlet, string? Title, double Score);

/// <summary>One page of hits and how many there are in all.</summary>
public sealed record SearchPage<T>(IReadOnlyList<T> Hits, long Total);
