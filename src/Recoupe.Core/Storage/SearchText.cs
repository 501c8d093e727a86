using System.Globalization;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>A word of a text as the search index sees it: its span (UTF-16, end exclusive) and its folded form.</summary>
public readonly record struct IndexedWord(int Start, int End, string Folded);

/// <summary>
/// What a store's full-text index is fed and shows, written once for every store: the words of a text with their
/// spans (the word rules of <see cref="SearchMatching"/>), the quotations column, and the snippet around what matched
/// for a store whose engine has no snippet function of its own with these word rules.
/// </summary>
public static class SearchText
{
    /// <summary>The quotes column: each quotation's text and its speaker's name, one quotation per line.</summary>
    public static string QuotesColumn(Document document)
    {
        if (document.Quotes.Count == 0) return "";
        var column = new StringBuilder();
        foreach (var q in document.Quotes)
        {
            if (column.Length > 0) column.Append('\n');
            column.Append(document.Text, q.Start, q.End - q.Start).Append(' ').Append(q.SpeakerName);
        }
        return column.ToString();
    }

    /// <summary>The words of <paramref name="text"/>: runs of letters and digits (accents inside a word kept with it), folded.</summary>
    public static List<IndexedWord> Words(string text)
    {
        var words = new List<IndexedWord>();
        var start = -1;
        for (var i = 0; i <= text.Length;)
        {
            var inWord = false;
            var length = 1;
            if (i < text.Length)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out length);
                var category = Rune.GetUnicodeCategory(rune);
                inWord = Rune.IsLetterOrDigit(rune) || (start >= 0 && category is UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);
            }
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var folded = string.Concat(SearchMatching.Words(text[start..i]));
                if (folded.Length > 0) words.Add(new IndexedWord(start, i, folded));
                start = -1;
            }
            i += Math.Max(1, length);
        }
        return words;
    }

    /// <summary>
    /// A passage of at most <paramref name="tokens"/> words holding the most terms of <paramref name="query"/> (the
    /// earliest such), '…' where it cuts the text, with the offsets of the words that matched.
    /// </summary>
    public static SearchSnippet Snippet(string text, SearchQuery query, int tokens = 40)
    {
        var words = Words(text);
        if (words.Count == 0) return new SearchSnippet(text.Length > 200 ? text[..200] + "…" : text, []);
        var terms = query.Terms.Select(t => (Words: t.Words.SelectMany(SearchMatching.Words).ToList(), t.Prefix))
            .Where(t => t.Words.Count > 0).ToList();
        // hits[i]: the terms a match starting or running through word i belongs to.
        var hits = new List<int>?[words.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            var (wanted, prefix) = terms[t];
            for (var i = 0; i + wanted.Count <= words.Count; i++)
            {
                var all = true;
                for (var j = 0; j < wanted.Count && all; j++)
                    all = prefix && j == wanted.Count - 1
                        ? words[i + j].Folded.StartsWith(wanted[j], StringComparison.Ordinal)
                        : words[i + j].Folded == wanted[j];
                if (!all) continue;
                for (var j = 0; j < wanted.Count; j++) (hits[i + j] ??= []).Add(t);
            }
        }

        var (bestStart, bestTerms, bestHits) = (0, -1, -1);
        for (var i = 0; i < words.Count; i++)
        {
            if (hits[i] is null && !(i == 0 && bestTerms < 0)) continue;
            var from = Math.Max(0, Math.Min(i - 3, words.Count - tokens));
            var inWindow = Enumerable.Range(from, Math.Min(tokens, words.Count - from)).Where(k => hits[k] is not null).ToList();
            var termCount = inWindow.SelectMany(k => hits[k]!).Distinct().Count();
            if (termCount > bestTerms || (termCount == bestTerms && inWindow.Count > bestHits))
                (bestStart, bestTerms, bestHits) = (from, termCount, inWindow.Count);
        }

        var last = Math.Min(words.Count, bestStart + tokens) - 1;
        var leading = bestStart > 0 ? "…" : "";
        var trailing = last < words.Count - 1 ? "…" : "";
        var offset = words[bestStart].Start - leading.Length;
        var matches = Enumerable.Range(bestStart, last - bestStart + 1).Where(k => hits[k] is not null)
            .Select(k => new TextRange(words[k].Start - offset, words[k].End - offset)).ToList();
        return new SearchSnippet(leading + text[words[bestStart].Start..words[last].End] + trailing, matches);
    }
}
