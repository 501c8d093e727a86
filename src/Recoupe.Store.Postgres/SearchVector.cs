using System.Globalization;
using System.Text;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// tsvector and tsquery values written from Core's folded words (<see cref="SearchText"/>), so that PostgreSQL matches
/// the words SQLite's index matches (migration 0002 says why). Within PostgreSQL's limits: a lexeme of at most 2,047
/// bytes, 256 positions a lexeme, positions up to 16,383 (later words keep that position, so they match as words; a
/// phrase that far into a long article may match loosely), and a vector under 1 MB (lexemes past it are left out).
/// </summary>
internal static class SearchVector
{
    private const int MaxLexemeBytes = 2047;
    private const int MaxPositions = 256;
    private const int MaxPosition = 16383;
    private const int MaxBytes = 900_000;

    /// <summary>Title words weighted A, then body words (weight D) after a gap, so no phrase runs from one into the other.</summary>
    public static string Of(string? title, string body)
    {
        var words = new List<(string Word, int Position, char Weight)>();
        var position = 0;
        foreach (var word in SearchText.Words(title ?? "")) words.Add((word.Folded, ++position, 'A'));
        position++;
        foreach (var word in SearchText.Words(body)) words.Add((word.Folded, ++position, 'D'));
        return Literal(words);
    }

    public static string Of(string text)
    {
        var position = 0;
        return Literal(SearchText.Words(text).Select(w => (w.Folded, ++position, 'D')).ToList());
    }

    private static string Literal(List<(string Word, int Position, char Weight)> words)
    {
        var lexemes = new Dictionary<string, List<(int, char)>>(StringComparer.Ordinal);
        var order = new List<string>();
        var bytes = 0;
        foreach (var (word, position, weight) in words)
        {
            if (!lexemes.TryGetValue(word, out var positions))
            {
                var size = Encoding.UTF8.GetByteCount(word);
                if (size > MaxLexemeBytes || bytes + size > MaxBytes) continue;
                bytes += size + 8;
                lexemes[word] = positions = [];
                order.Add(word);
            }
            var at = Math.Min(position, MaxPosition);
            if (positions.Count >= MaxPositions || (positions.Count > 0 && positions[^1].Item1 == at)) continue;
            positions.Add((at, weight));
            bytes += 2;
        }
        var literal = new StringBuilder(bytes + order.Count * 4);
        foreach (var word in order)
        {
            if (literal.Length > 0) literal.Append(' ');
            literal.Append('\'').Append(word).Append("':");
            var first = true;
            foreach (var (position, weight) in lexemes[word])
            {
                if (!first) literal.Append(',');
                first = false;
                literal.Append(position.ToString(CultureInfo.InvariantCulture));
                if (weight != 'D') literal.Append(weight);
            }
        }
        return literal.ToString();
    }

    /// <summary>
    /// The tsquery of a parsed query: terms joined by &amp;, a phrase's words by &lt;-&gt;, a prefix as :*. Null when
    /// no term has a word left once folded (nothing to look for).
    /// </summary>
    public static string? Query(SearchQuery query)
    {
        var parts = new List<string>();
        foreach (var term in query.Terms)
        {
            var words = term.Words.SelectMany(SearchMatching.Words).ToList();
            if (words.Count == 0) continue;
            var lexemes = words.Select((w, i) => $"'{w}'" + (term.Prefix && i == words.Count - 1 ? ":*" : "")).ToList();
            parts.Add(lexemes.Count == 1 ? lexemes[0] : "(" + string.Join(" <-> ", lexemes) + ")");
        }
        return parts.Count == 0 ? null : string.Join(" & ", parts);
    }
}
