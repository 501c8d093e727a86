using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Text;

/// <summary>
/// Light sentence splitting for comparing copies of an article: a sentence ends at . ! ? … (not after a
/// one-letter initial, not inside a number) or at a line break, including sentences glued without a space.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>The sentences of a text, read from its tokens (the segmenter's cut of it).</summary>
    public static List<SentenceKey> Split(string text, IReadOnlyList<Token> tokens)
    {
        var list = new List<SentenceKey>();
        Split(text, Words.Of(text, tokens, 0, text.Length), list);
        return list;
    }

    public static void Split(string text, List<WordToken> tokens, List<SentenceKey> into)
    {
        if (tokens.Count == 0) return;
        var first = 0;
        var previousEnd = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var last = i == tokens.Count - 1 || EndsAfter(text, tokens[i], tokens[i + 1]);
            if (!last) continue;
            var start = SentenceStart(text, previousEnd, tokens[first].Start);
            var end = SentenceEnd(text, tokens[i].End, i + 1 < tokens.Count ? tokens[i + 1].Start : text.Length);
            into.Add(new SentenceKey(start, end, HashWords(text, tokens, first, i)));
            previousEnd = end;
            first = i + 1;
        }
    }

    /// <summary>A sentence starts at its first word, or at the opening quotation mark or dash just before it.</summary>
    private static int SentenceStart(string text, int limit, int firstWord)
    {
        var start = firstWord;
        var i = firstWord - 1;
        while (i >= limit && text[i] is ' ' or '\u00A0' or '\u202F') i--;
        if (i >= limit && text[i] is '«' or '“' or '"' or '(' or '—' or '–') start = i;
        return start;
    }

    private static bool EndsAfter(string text, WordToken token, WordToken next)
    {
        var gap = text.AsSpan(token.End, next.Start - token.End);
        if (gap.IndexOfAny('\n', '\r') >= 0) return true;
        var stop = gap.IndexOfAny(".!?…");
        if (stop < 0) return false;
        if (gap[stop] == '.')
        {
            if (token.Length == 1 && char.IsUpper(text[token.Start])) return false; // "M. Dupont", "J.-F."
            if (gap.Length == 1 && char.IsDigit(text[token.End - 1]) && char.IsDigit(text[next.Start])) return false; // 6.000
        }
        return true;
    }

    /// <summary>
    /// The sentence keeps its final punctuation and closing quotes or brackets, even after a space as French typography
    /// has it ("vous ! »"), up to a line break or an opening mark.
    /// </summary>
    private static int SentenceEnd(string text, int from, int limit)
    {
        var end = from;
        for (var i = from; i < limit; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '«' or '“' or '(' or '[' or '—' or '–') break;
            if (c is '.' or '!' or '?' or '…' or '»' or '”' or '"' or ')' or ']' or ';' or ':' or ',') end = i + 1;
            else if (!char.IsWhiteSpace(c)) break;
        }
        return end;
    }

    private static ulong HashWords(string text, List<WordToken> tokens, int from, int to)
    {
        var builder = new StringBuilder();
        for (var i = from; i <= to; i++)
        {
            if (builder.Length > 0) builder.Append(' ');
            TextFolding.AppendFolded(builder, text.AsSpan(tokens[i].Start, tokens[i].Length));
        }
        return StableHash.Of(builder.ToString());
    }
}
