using System.Globalization;
using System.Text;
using Recoupe.Core.Text;

namespace Recoupe.Core.Storage;

/// <summary>
/// Whether a short text (a quotation, a speaker's name) matches a <see cref="SearchQuery"/> by itself, with the word
/// rules of the store's full-text index: words are runs of letters and digits, compared without case or accents.
/// The index finds the articles; this tells which of their quotations match, every term in the quotation's text or
/// its speaker's name, a phrase's words in a row within one of them.
/// </summary>
public sealed class SearchMatching
{
    // Each term's words, folded once for every text the query is matched against.
    private readonly List<(List<string> Words, bool Prefix)> _terms;

    public SearchMatching(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _terms = query.Terms.Select(t => (t.Words.SelectMany(Words).ToList(), t.Prefix)).ToList();
    }

    public bool Matches(params string?[] fields)
    {
        // Quick refusal first: a term none of whose first word's letters appear in any field, folded, cannot match.
        var folded = fields.Select(f => f is null ? "" : FoldWithoutMarks(f)).ToList();
        if (!_terms.All(term => term.Words.Count == 0 || folded.Any(f => f.Contains(term.Words[0], StringComparison.Ordinal))))
            return false;
        var words = fields.Select(f => f is null ? [] : Words(f)).ToList();
        return _terms.All(term => words.Any(w => Contains(w, term.Words, term.Prefix)));
    }

    public static bool Matches(SearchQuery query, params string?[] fields) => new SearchMatching(query).Matches(fields);

    /// <summary>
    /// The folded words of a text: split at anything not a letter or digit, lower case, accents removed
    /// (<see cref="TextFolding"/>, which needs no ICU data; combining accents are dropped).
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var at = i;
            i += length;
            if (IsMark(Rune.GetUnicodeCategory(rune))) continue; // an accent: dropped, the word goes on
            if (Rune.IsLetterOrDigit(rune))
                word.Append(text, at, length);
            else if (word.Length > 0)
            {
                words.Add(TextFolding.Fold(word.ToString()));
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(TextFolding.Fold(word.ToString()));
        return words;
    }

    /// <summary>The text folded as <see cref="Words"/> folds each word (<see cref="TextFolding"/>), combining accents dropped, separators kept.</summary>
    private static string FoldWithoutMarks(string text)
    {
        var folded = TextFolding.Fold(text);
        return folded.Any(IsMark) ? new string(folded.Where(c => !IsMark(c)).ToArray()) : folded;
    }

    private static bool IsMark(char c) => c >= '\u0300' && IsMark(CharUnicodeInfo.GetUnicodeCategory(c));

    private static bool IsMark(UnicodeCategory category) =>
        category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool Contains(IReadOnlyList<string> words, List<string> wanted, bool prefix)
    {
        if (wanted.Count == 0) return true;
        for (var i = 0; i + wanted.Count <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < wanted.Count && all; j++)
            {
                var last = j == wanted.Count - 1;
                all = prefix && last
                    ? words[i + j].StartsWith(wanted[j], StringComparison.Ordinal)
                    : words[i + j] == wanted[j];
            }
            if (all) return true;
        }
        return false;
    }
}
