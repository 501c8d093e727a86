namespace Recoupe.Core.Extraction;

public enum TokKind : byte { Word, Number, Punct }

[Flags]
public enum TokFlags : ushort
{
    None = 0,
    /// <summary>Starts with an upper-case letter.</summary>
    Cap = 1,
    /// <summary>Two or more letters, all upper case.</summary>
    AllCaps = 2,
    /// <summary>First word of a sentence, or first word after an opening quote mark, a colon or a dash.</summary>
    Initial = 4,
    /// <summary>A subject pronoun split off an inverted verb ("a-t-il" → "a" + "il").</summary>
    Inverted = 8,
    /// <summary>No blank between this token and the previous one.</summary>
    GluedLeft = 16,
    /// <summary>The blank before this token holds a line break.</summary>
    LineStart = 32,
    /// <summary>Inside a quotation's marks.</summary>
    InQuote = 64,
    /// <summary>An elided form ending in an apostrophe ("l'", "qu'").</summary>
    Elided = 128,
}

/// <summary>A word, number or punctuation mark of the document text, with its lower-case form.</summary>
public struct Tok
{
    public int Start;
    public int End;
    public TokKind Kind;
    public TokFlags Flags;
    /// <summary>Lower case, straight apostrophes, accents kept.</summary>
    public string Lower;
    public int Sentence;

    public readonly bool Is(TokFlags flag) => (Flags & flag) != 0;
    public readonly bool IsWord => Kind == TokKind.Word;
    public readonly bool IsCap => Kind == TokKind.Word && (Flags & TokFlags.Cap) != 0;
    public readonly int Length => End - Start;
    public override readonly string ToString() => Lower;
}

/// <summary>
/// Splits text into words, numbers and punctuation in one pass. French elisions ("l'", "qu'") are their own tokens;
/// inverted subject pronouns are split off their verb ("a-t-il" → "a" + "il", the pronoun flagged
/// <see cref="TokFlags.Inverted"/>); digit groups with French spacing ("4 111", "1 500") stay one number.
/// </summary>
public static class WordTokenizer
{
    private static readonly HashSet<string> Elisions = new(StringComparer.Ordinal)
    {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    };

    private static readonly string[] InvertedPronouns = ["il", "elle", "ils", "elles", "on"];

    public static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ';

    private static bool IsSpaceLike(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009' or '\u2007';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;

    /// <param name="dottedTitles">Words that keep a following dot as part of them ("M" → "M.").</param>
    public static List<Tok> Tokenize(string text, ISet<string>? dottedTitles = null)
    {
        var tokens = new List<Tok>(text.Length / 5 + 8);
        var i = 0;
        var n = text.Length;
        var sawNewline = true;
        var sawSpace = true;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c is '\n' or '\r') sawNewline = true;
                sawSpace = true;
                i++;
                continue;
            }
            var flags = TokFlags.None;
            if (!sawSpace) flags |= TokFlags.GluedLeft;
            if (sawNewline) flags |= TokFlags.LineStart;
            sawSpace = false;
            sawNewline = false;

            if (char.IsDigit(c))
            {
                var start = i;
                var firstGroup = 0;
                while (i < n && char.IsDigit(text[i])) { i++; firstGroup++; }
                // thousands groups: "4 111", "1 500 000", "12.000"
                if (firstGroup <= 3)
                {
                    while (i + 3 < n && (IsSpaceLike(text[i]) || text[i] == '.')
                           && char.IsDigit(text[i + 1]) && char.IsDigit(text[i + 2]) && char.IsDigit(text[i + 3])
                           && (i + 4 >= n || !char.IsDigit(text[i + 4])) && !(text[i] == '.' && i + 4 < n && text[i + 4] == '.'))
                        i += 4;
                }
                // decimals: "3,5", "2.5"
                if (i + 1 < n && (text[i] == ',' || text[i] == '.') && char.IsDigit(text[i + 1]))
                {
                    i++;
                    while (i < n && char.IsDigit(text[i])) i++;
                }
                tokens.Add(new Tok { Start = start, End = i, Kind = TokKind.Number, Flags = flags, Lower = text[start..i] });
                continue;
            }

            if (char.IsLetter(c))
            {
                var start = i;
                var segmentStart = i;
                while (i < n)
                {
                    var ch = text[i];
                    if (IsWordChar(ch)) { i++; continue; }
                    if ((ch == '-' || ch == '‑') && i + 1 < n && char.IsLetterOrDigit(text[i + 1])) { i++; segmentStart = i; continue; }
                    if (IsApostrophe(ch) && i + 1 < n && "\"«“".Contains(text[i + 1]) && segmentStart == start
                        && Elisions.Contains(TextFold.Lower(text.AsSpan(segmentStart, i - segmentStart))))
                    {
                        // "qu'"il faut…"": the elision before a quotation mark
                        i++;
                        flags |= TokFlags.Elided;
                        break;
                    }
                    if (IsApostrophe(ch) && i + 1 < n && char.IsLetter(text[i + 1]))
                    {
                        var soFar = TextFold.Lower(text.AsSpan(segmentStart, i - segmentStart));
                        if (segmentStart == start && Elisions.Contains(soFar)) { i++; flags |= TokFlags.Elided; break; }
                        if ((text[i + 1] is 's' or 'S') && (i + 2 >= n || !char.IsLetter(text[i + 2]))) break; // English possessive
                        i++;
                        continue;
                    }
                    break;
                }
                var end = i;
                // a title keeps its dot: "M." (also glued: "M.Poutine")
                if (dottedTitles is not null && i < n && text[i] == '.' && dottedTitles.Contains(text[start..i] + "."))
                {
                    i++;
                    end = i;
                }
                AddWord(tokens, text, start, end, flags);
                continue;
            }

            // punctuation
            {
                var start = i;
                if (c == '.' && i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.') i += 3;
                else if (IsApostrophe(c) && i + 1 < n && (text[i + 1] is 's' or 'S') && (i + 2 >= n || !char.IsLetter(text[i + 2])) && i > 0 && char.IsLetter(text[i - 1]))
                {
                    i += 2; // English possessive "'s"
                    tokens.Add(new Tok { Start = start, End = i, Kind = TokKind.Word, Flags = flags, Lower = "'s" });
                    continue;
                }
                else i++;
                tokens.Add(new Tok { Start = start, End = i, Kind = TokKind.Punct, Flags = flags, Lower = text[start..i] });
            }
        }
        return tokens;
    }

    private static void AddWord(List<Tok> tokens, string text, int start, int end, TokFlags flags)
    {
        var span = text.AsSpan(start, end - start);
        // inverted subject pronoun: "a-t-il", "ajoute-t-elle", "poursuit-il", and the spaced "a t-il"
        foreach (var pronoun in InvertedPronouns)
        {
            var withT = end - start - pronoun.Length - 3;
            int verbEnd;
            if (withT >= 0 && span.Length >= pronoun.Length + 3 && EndsWithInsensitive(span, "-t-" + pronoun)) verbEnd = end - pronoun.Length - 3;
            else if (span.Length > pronoun.Length + 1 && EndsWithInsensitive(span, "-" + pronoun)) verbEnd = end - pronoun.Length - 1;
            else if (EqualsInsensitive(span, "t-" + pronoun)) verbEnd = start;
            else continue;
            if (verbEnd > start) tokens.Add(MakeWord(text, start, verbEnd, flags));
            var pStart = end - pronoun.Length;
            tokens.Add(new Tok { Start = pStart, End = end, Kind = TokKind.Word, Flags = TokFlags.Inverted | TokFlags.GluedLeft, Lower = pronoun });
            return;
        }
        tokens.Add(MakeWord(text, start, end, flags));
    }

    private static Tok MakeWord(string text, int start, int end, TokFlags flags)
    {
        var first = text[start];
        if (char.IsUpper(first)) flags |= TokFlags.Cap;
        if (end - start >= 2)
        {
            var letters = 0;
            var upper = true;
            for (var k = start; k < end; k++)
            {
                if (!char.IsLetter(text[k])) continue;
                letters++;
                if (!char.IsUpper(text[k])) { upper = false; break; }
            }
            if (upper && letters >= 2) flags |= TokFlags.AllCaps;
        }
        return new Tok { Start = start, End = end, Kind = TokKind.Word, Flags = flags, Lower = TextFold.Lower(text.AsSpan(start, end - start)) };
    }

    private static bool EndsWithInsensitive(ReadOnlySpan<char> s, string suffix) =>
        s.Length >= suffix.Length && s[^suffix.Length..].Equals(suffix, StringComparison.OrdinalIgnoreCase);

    private static bool EqualsInsensitive(ReadOnlySpan<char> s, string other) => s.Equals(other, StringComparison.OrdinalIgnoreCase);
}
