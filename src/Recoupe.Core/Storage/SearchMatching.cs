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
public static class SearchMatching
{
    public static bool Matches(SearchQuery query, params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = fields.Select(f => f is null ? [] : Words(f)).ToList();
        return query.Terms.All(term => words.Any(w => Contains(w, term)));
    }

    /// <summary>
    /// The folded words of a text: split at anything not a letter or digit, lower case, accents removed
    /// (<see cref="TextFolding"/>, which needs no ICU data; combining accents are dropped).
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue; // an accent: dropped, the word goes on
            if (Rune.IsLetterOrDigit(rune))
                word.Append(rune.ToString());
            else if (word.Length > 0)
            {
                words.Add(TextFolding.Fold(word.ToString()));
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(TextFolding.Fold(word.ToString()));
        return words;
    }

    private static bool Contains(IReadOnlyList<string> words, SearchTerm term)
    {
        var wanted = term.Words.SelectMany(Words).ToList();
        if (wanted.Count == 0) return true;
        for (var i = 0; i + wanted.Count <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < wanted.Count && all; j++)
            {
                var last = j == wanted.Count - 1;
                all = term.Prefix && last
                    ? words[i + j].StartsWith(wanted[j], StringComparison.Ordinal)
                    : words[i + j] == wanted[j];
            }
            if (all) return true;
        }
        return false;
    }
}
