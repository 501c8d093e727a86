using System.Globalization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>
/// Cuts a stretch of text into word, number, punctuation and symbol tokens in one left-to-right pass.
/// Words keep internal hyphens ("Etats-Unis", "Su-34") and letters with diacritics; French elisions ("l'", "qu'")
/// and English clitics ("n't", "'s") become tokens of their own, as do inverted pronouns ("a" "-t-" "il").
/// Numbers keep thousands groups ("4 111", "1 500" with a space, no-break or narrow no-break space) and decimals
/// ("3,5", "3.5"); their <see cref="Token.Norm"/> drops the group spaces. Abbreviations and initials keep their period.
/// </summary>
public sealed class Tokenizer(SegmentationRules rules)
{
    public static Tokenizer Default { get; } = new(SegmentationRules.Default);

    public SegmentationRules Rules { get; } = rules;

    /// <summary>
    /// The tokens of a document's text: each paragraph cut on its own, as the segment stage cuts it, so a stored
    /// article's text and paragraphs give back its document's tokens; the whole text when there are no paragraphs.
    /// </summary>
    public void TokenizeParagraphs(string text, IReadOnlyList<Paragraph> paragraphs, List<Token> into)
    {
        if (paragraphs.Count == 0) Tokenize(text, 0, text.Length, into);
        foreach (var paragraph in paragraphs) Tokenize(text, paragraph.Start, paragraph.End, into);
    }

    /// <summary>
    /// An article's document tokens: those it carries (made from a document in this process), else its text cut
    /// paragraph by paragraph (<see cref="TokenizeParagraphs"/>), as the segment stage cut it.
    /// </summary>
    public IReadOnlyList<Token> TokensOf(StoredArticle article)
    {
        if (article.Tokens is { } carried) return carried;
        var tokens = new List<Token>(article.Text.Length / 5 + 4);
        TokenizeParagraphs(article.Text, article.Paragraphs, tokens);
        return tokens;
    }

    /// <summary>The tokens of a whole string (a title, a phrase, a text without paragraphs).</summary>
    public List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        Tokenize(text, 0, text.Length, tokens);
        return tokens;
    }

    /// <summary>Adds the tokens of <paramref name="text"/>[start, end) to <paramref name="into"/>.</summary>
    public void Tokenize(string text, int start, int end, List<Token> into)
    {
        var first = into.Count;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                i++;
                continue;
            }
            if (char.IsDigit(c)) i = ReadNumber(text, i, end, into);
            else if (IsWordChar(c)) i = ReadWord(text, i, end, into, first);
            else i = ReadPunctuation(text, i, end, into);
        }
    }

    private int ReadNumber(string text, int start, int end, List<Token> into)
    {
        var i = SkipDigits(text, start, end);
        var plainDigitsEnd = i;
        var groupLength = i - start;
        var grouped = false;
        var hasDecimal = false;
        while (i < end)
        {
            var c = text[i];
            if ((c == ',' || c == '.') && i + 1 < end && char.IsDigit(text[i + 1]))
            {
                var next = SkipDigits(text, i + 1, end);
                hasDecimal |= next - (i + 1) != 3;
                groupLength = next - (i + 1);
                i = next;
                continue;
            }
            // A thousands group after a space: the group before has 1-3 digits, the one after exactly 3.
            if (IsGroupSpace(c) && !hasDecimal && groupLength <= 3 && HasThreeDigitGroup(text, i + 1, end))
            {
                grouped = true;
                i += 4;
                groupLength = 3;
                continue;
            }
            break;
        }

        // Digits run straight into letters: an ordinal or code ("1er", "24h", "3D") is one word; a number with
        // decimals or groups glued to a word ("2.827cas") stays a number and the word is read on its own.
        if (!grouped && i == plainDigitsEnd && i < end && IsWordChar(text[i]) && !char.IsDigit(text[i]))
            return ReadWord(text, start, end, into, into.Count);

        var span = text.AsSpan(start, i - start);
        var norm = span.IndexOfAny(GroupSpaces) < 0 ? span.ToString() : RemoveGroupSpaces(span);
        into.Add(new Token(start, i, TokenKind.Number, norm));
        return i;
    }

    private static bool HasThreeDigitGroup(string text, int from, int end)
    {
        if (from + 3 > end) return false;
        for (var k = from; k < from + 3; k++)
            if (!char.IsDigit(text[k])) return false;
        return from + 3 == end || !char.IsLetterOrDigit(text[from + 3]);
    }

    private int ReadWord(string text, int start, int end, List<Token> into, int firstOfStretch)
    {
        if (TryReadInitials(text, start, end, out var initialsEnd))
        {
            Add(into, text, start, initialsEnd, TokenKind.Word);
            return initialsEnd;
        }

        var i = start;
        var apostrophe = -1;
        var hyphens = 0;
        while (i < end)
        {
            var c = text[i];
            if (IsWordChar(c)) { i++; continue; }
            if (IsHyphen(c) && i > start && i + 1 < end && IsWordChar(text[i + 1])) { hyphens++; i++; continue; }
            if (IsApostrophe(c) && i > start && i + 1 < end && char.IsLetter(text[i + 1]))
            {
                if (apostrophe < 0) apostrophe = i;
                i++;
                continue;
            }
            break;
        }

        // An elision before a non-letter ("d'«Etat»", "l'2015"): keep the apostrophe with the elided word.
        if (apostrophe < 0 && i < end && IsApostrophe(text[i]) && Rules.Elisions.Contains(SegmentationRules.Normalise(text[start..(i + 1)])))
        {
            Add(into, text, start, i + 1, TokenKind.Word);
            return i + 1;
        }

        if (apostrophe >= 0 || hyphens > 0)
        {
            var whole = SegmentationRules.Normalise(text[start..i]);
            if (!Rules.UnsplitWords.Contains(whole))
            {
                if (apostrophe >= 0)
                {
                    var split = SplitAtApostrophe(text, start, i, apostrophe, whole, into);
                    if (split >= 0) return split;
                }
                if (hyphens > 0 && TrySplitInversion(text, start, i, into, firstOfStretch)) return i;
            }
        }

        // An abbreviation or an initial keeps its period: "M.", "Mme.", "V.", "etc.".
        if (i < end && text[i] == '.' && IsAbbreviation(text, start, i)) i++;
        Add(into, text, start, i, TokenKind.Word);
        return i;
    }

    /// <summary>Splits an elision off the front or a clitic off the end; returns where to go on, or -1 to keep the word whole.</summary>
    private int SplitAtApostrophe(string text, int start, int end, int apostrophe, string whole, List<Token> into)
    {
        var prefixLength = apostrophe - start + 1;
        if (Rules.Elisions.Contains(whole[..prefixLength]))
        {
            Add(into, text, start, apostrophe + 1, TokenKind.Word);
            return apostrophe + 1; // the rest is read again as a word of its own
        }
        foreach (var ending in Rules.Contractions)
        {
            if (ending.Length >= whole.Length || !whole.EndsWith(ending, StringComparison.Ordinal)) continue;
            var cut = end - ending.Length;
            if (!SegmentationRules.Apostrophes.Contains(text[cut]) && !SegmentationRules.Apostrophes.Contains(text[cut + 1])) continue;
            Add(into, text, start, cut, TokenKind.Word);
            Add(into, text, cut, end, TokenKind.Word);
            return end;
        }
        return -1;
    }

    /// <summary>"a-t-il" → "a" "-t-" "il"; "dit-elle" → "dit" "-" "elle". Not for names ("Kim Jong-il").</summary>
    private bool TrySplitInversion(string text, int start, int end, List<Token> into, int firstOfStretch)
    {
        var lastHyphen = LastHyphen(text, start, end);
        if (lastHyphen <= start) return false;
        var pronoun = text[(lastHyphen + 1)..end];
        if (!Rules.InversionPronouns.Contains(pronoun)) return false; // lower case only, as written

        var hyphenStart = lastHyphen;
        var verbEnd = lastHyphen;
        var euphonicHyphen = LastHyphen(text, start, lastHyphen);
        if (euphonicHyphen > start && Rules.EuphonicLetters.Contains(text[(euphonicHyphen + 1)..lastHyphen]))
        {
            hyphenStart = euphonicHyphen;
            verbEnd = euphonicHyphen;
        }

        // A capitalised verb is inverted only at the start of a sentence ("Faut-il", "Est-ce").
        if (char.IsUpper(text[start]) && !StartsSentenceOrClause(into, firstOfStretch)) return false;

        Add(into, text, start, verbEnd, TokenKind.Word);
        Add(into, text, hyphenStart, lastHyphen + 1, TokenKind.Punctuation);
        Add(into, text, lastHyphen + 1, end, TokenKind.Word);
        return true;
    }

    private static bool StartsSentenceOrClause(List<Token> into, int firstOfStretch)
    {
        if (into.Count == firstOfStretch) return true;
        var previous = into[^1];
        return previous.Kind == TokenKind.Punctuation && previous.Norm is "." or "!" or "?" or "…" or "..." or "«" or "\"" or "“" or "—" or "–" or ":";
    }

    private static int LastHyphen(string text, int start, int end)
    {
        for (var k = end - 1; k > start; k--)
            if (IsHyphen(text[k])) return k;
        return -1;
    }

    private bool IsAbbreviation(string text, int start, int end)
    {
        var length = end - start;
        if (length == 1 && char.IsUpper(text[start])) return true; // an initial
        return length <= 12 && Rules.Abbreviations.ContainsKey(text[start..end]);
    }

    /// <summary>Letters with periods: "U.S.", "J.-C.", "e.g." (at least two letters, each followed by a period).</summary>
    private static bool TryReadInitials(string text, int start, int end, out int initialsEnd)
    {
        initialsEnd = start;
        var i = start;
        var letters = 0;
        while (i + 1 < end && char.IsLetter(text[i]) && text[i + 1] == '.')
        {
            letters++;
            i += 2;
            initialsEnd = i;
            if (i < end && IsHyphen(text[i]) && i + 1 < end && char.IsLetter(text[i + 1])) i++;
            if (i + 1 < end && char.IsLetter(text[i]) && text[i + 1] != '.') break;
        }
        if (letters < 2) return false;
        // "A.B.Cdef" is not a run of initials: the last period must not be glued to a word.
        return initialsEnd >= end || !char.IsLetterOrDigit(text[initialsEnd]);
    }

    private static int ReadPunctuation(string text, int start, int end, List<Token> into)
    {
        var c = text[start];
        var i = start + 1;
        if (char.IsHighSurrogate(c) && i < end && char.IsLowSurrogate(text[i]))
        {
            i++;
            Add(into, text, start, i, TokenKind.Symbol);
            return i;
        }
        if (c is '.' or '-') // "...", "--"
            while (i < end && text[i] == c) i++;
        else if (c is '!' or '?')
            while (i < end && text[i] is '!' or '?') i++;
        Add(into, text, start, i, IsSymbol(c) ? TokenKind.Symbol : TokenKind.Punctuation);
        return i;
    }

    private static void Add(List<Token> into, string text, int start, int end, TokenKind kind) =>
        into.Add(new Token(start, end, kind, NormOf(text.AsSpan(start, end - start))));

    // The norm of every ASCII character, shared: most marks and one-letter words are one of them.
    private static readonly string[] AsciiNorms = Enumerable.Range(0, 128).Select(c => SegmentationRules.Normalise(((char)c).ToString())).ToArray();

    /// <summary>
    /// <see cref="SegmentationRules.Normalise"/> of a token's characters in one allocation, or none for an ASCII
    /// character: the cut is the hot loop of the segment stage.
    /// </summary>
    private static string NormOf(ReadOnlySpan<char> token) =>
        token.Length == 1 && token[0] < 128 ? AsciiNorms[token[0]] : SegmentationRules.Normalise(token);

    private static int SkipDigits(string text, int i, int end)
    {
        while (i < end && char.IsDigit(text[i])) i++;
        return i;
    }

    private static string RemoveGroupSpaces(ReadOnlySpan<char> span)
    {
        var buffer = new char[span.Length];
        var n = 0;
        foreach (var c in span)
            if (!IsGroupSpace(c)) buffer[n++] = c;
        return new string(buffer, 0, n);
    }

    private static readonly char[] GroupSpaces = [' ', '\u00A0', '\u202F', '\u2009'];

    private static bool IsGroupSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009';

    public static bool IsWordChar(char c)
    {
        if (char.IsLetterOrDigit(c)) return true;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsSymbol(char c)
    {
        if (c is '%' or '‰' or '#' or '@' or '&' or '§' or '°' or '*') return true;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.CurrencySymbol or UnicodeCategory.MathSymbol
            or UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;
    }
}
