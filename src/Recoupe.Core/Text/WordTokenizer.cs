namespace Recoupe.Core.Text;

[Flags]
public enum WordFlags : byte
{
    None = 0,
    /// <summary>First letter upper-case.</summary>
    Capitalised = 1,
    /// <summary>Two or more letters, all upper-case ("SNCF").</summary>
    AllCaps = 2,
    /// <summary>Starts a sentence, a paragraph, a quotation or a title segment: its capital says nothing.</summary>
    SentenceInitial = 4,
    /// <summary>Digits only.</summary>
    Numeric = 8,
    /// <summary>Joined to the previous word by a hyphen ("Notre-Dame", "porte-parole").</summary>
    HyphenJoined = 16,
    /// <summary>A sentence ends right after this word.</summary>
    SentenceFinal = 32,
}

/// <summary>A word of the text: UTF-16 offsets into the source string, plus what its shape says.</summary>
public readonly record struct WordToken(int Start, int Length, WordFlags Flags)
{
    public int End => Start + Length;
    public bool Has(WordFlags flag) => (Flags & flag) != 0;
}

/// <summary>
/// Splits text into words for matching: runs of letters and digits; apostrophes and hyphens separate words
/// ("l'armée" → "l", "armée"). Marks sentence-initial words so that capitals can serve as a weak entity signal.
/// Handles paragraphs glued without a space ("…audiences.Son arrestation…"). Linear in the text length.
/// </summary>
public static class WordTokenizer
{
    public static List<WordToken> Tokenize(string text)
    {
        var tokens = new List<WordToken>(text.Length / 6 + 4);
        Tokenize(text, tokens);
        return tokens;
    }

    public static void Tokenize(ReadOnlySpan<char> text, List<WordToken> into)
    {
        var boundary = true;      // the next word starts a sentence
        var hyphenPending = false; // a hyphen sits between the previous word and the next
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsWordChar(c))
            {
                switch (c)
                {
                    case '.':
                        // "M. Poutine", "J.-F. Poisson": a single capital before the dot is an initial, not a sentence end.
                        if (!AfterInitial(text, i, into)) MarkBoundary(ref boundary, into);
                        break;
                    case '!' or '?' or '…' or ':' or ';' or '\n' or '\r' or '«' or '»' or '"' or '“' or '”' or '(' or ')' or '[' or ']' or '|' or '•' or '·':
                        MarkBoundary(ref boundary, into);
                        break;
                }
                hyphenPending = c is '-' or '\u2010' or '\u2011' && i > 0 && IsWordChar(text[i - 1]);
                i++;
                continue;
            }

            var start = i;
            var letters = 0;
            var uppers = 0;
            var digits = 0;
            while (i < text.Length && IsWordChar(text[i]))
            {
                var ch = text[i];
                if (char.IsDigit(ch)) digits++;
                else if (char.IsLetter(ch))
                {
                    letters++;
                    if (char.IsUpper(ch)) uppers++;
                }
                i++;
            }

            var flags = WordFlags.None;
            if (letters > 0 && char.IsUpper(text[start])) flags |= WordFlags.Capitalised;
            if (letters >= 2 && uppers == letters) flags |= WordFlags.AllCaps;
            if (letters == 0 && digits > 0) flags |= WordFlags.Numeric;
            if (boundary) flags |= WordFlags.SentenceInitial;
            if (hyphenPending && start > 0 && text[start - 1] is '-' or '\u2010' or '\u2011') flags |= WordFlags.HyphenJoined;
            into.Add(new WordToken(start, i - start, flags));
            boundary = false;
            hyphenPending = false;
        }
        if (into.Count > 0) MarkFinal(into);
    }

    /// <summary>Letters, digits and combining marks make words; apostrophes and hyphens do not.</summary>
    public static bool IsWordChar(char c) =>
        c < 128 ? c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                : char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;

    private static void MarkBoundary(ref bool boundary, List<WordToken> tokens)
    {
        if (!boundary && tokens.Count > 0) MarkFinal(tokens);
        boundary = true;
    }

    private static void MarkFinal(List<WordToken> tokens)
    {
        var last = tokens[^1];
        if (!last.Has(WordFlags.SentenceFinal))
            tokens[^1] = last with { Flags = last.Flags | WordFlags.SentenceFinal };
    }

    private static bool AfterInitial(ReadOnlySpan<char> text, int dot, List<WordToken> tokens)
    {
        if (tokens.Count == 0) return false;
        var last = tokens[^1];
        return last.End == dot && last.Length == 1 && char.IsUpper(text[last.Start]);
    }
}
