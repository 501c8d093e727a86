using Recoupe.Core.Model;

namespace Recoupe.Core.Text;

/// <summary>
/// What a token's shape and place in the text say: the one set of such facts, read by the matching words
/// (<see cref="WordToken"/>) and by extraction's tokens (<c>Extraction.Tok</c>). The facts of a word form itself
/// (a hyphen, an elision, what the word lists say) are its lexeme's, not flags.
/// </summary>
[Flags]
public enum WordFlags : ushort
{
    None = 0,
    /// <summary>First letter upper-case.</summary>
    Capitalised = 1,
    /// <summary>Two or more letters, all upper-case ("SNCF").</summary>
    AllCaps = 2,
    /// <summary>Starts a sentence, a paragraph, a quotation or a title segment (for extraction: a sentence, or follows an
    /// opening quote mark, a colon or a dash): its capital says nothing.</summary>
    SentenceInitial = 4,
    /// <summary>Digits only.</summary>
    Numeric = 8,
    /// <summary>Joined to the previous word by a hyphen ("Notre-Dame", "porte-parole").</summary>
    HyphenJoined = 16,
    /// <summary>A sentence ends right after this word.</summary>
    SentenceFinal = 32,
    /// <summary>A subject pronoun split off an inverted verb ("a-t-il" → "a" + "il").</summary>
    Inverted = 64,
    /// <summary>No blank between this token and the previous one.</summary>
    GluedLeft = 128,
    /// <summary>The blank before this token holds a line break.</summary>
    LineStart = 256,
    /// <summary>Inside a quotation's marks.</summary>
    InQuote = 512,
}

/// <summary>A word of the text: UTF-16 offsets into the source string, plus what its shape says.</summary>
public readonly record struct WordToken(int Start, int Length, WordFlags Flags)
{
    public int End => Start + Length;
    public bool Has(WordFlags flag) => (Flags & flag) != 0;
}

/// <summary>
/// The matching view of the segmenter's tokens (<see cref="Document.Tokens"/>, or the same tokenizer's cut of a stored
/// text): runs of letters and digits, so apostrophes, hyphens and periods inside a token separate words
/// ("l'armée" → "l", "armée"; "Notre-Dame" → "Notre", "Dame"; "U.S." → "U", "S"), with sentence-initial and
/// sentence-final marks read from the punctuation between them, so that capitals can serve as a weak entity signal.
/// The tokenizer leaves out only blanks, controls and format characters, none of them a letter or digit, so the words
/// are the text's maximal letter-and-digit runs whatever the cut ("do" "n't" reads "don" "t"): a document's tokens and
/// a new cut of its stored text give the same words. Linear in the range's length.
/// </summary>
public static class Words
{
    /// <summary>The words of <paramref name="text"/>[<paramref name="start"/>, <paramref name="end"/>) read from
    /// <paramref name="tokens"/>, a cut of the text into tokens in text order; offsets stay those of the whole text.</summary>
    public static List<WordToken> Of(string text, IReadOnlyList<Token> tokens, int start, int end)
    {
        var into = new List<WordToken>((end - start) / 6 + 4);
        var reader = new Reader(text, start, into);
        var position = start;
        var k = FirstEndingAfter(tokens, start);
        while (position < end)
        {
            while (k < tokens.Count && tokens[k].End <= position) k++;
            if (k == tokens.Count || tokens[k].Start >= end)
            {
                reader.Marks(position, end);
                break;
            }
            var token = tokens[k];
            var tokenStart = Math.Max(token.Start, position);
            var tokenEnd = Math.Min(token.End, end);
            reader.Marks(position, tokenStart); // what the tokenizer skipped: blanks, where line breaks end a sentence
            position = tokenStart;
            // (a mark may hold a letter: the "-t-" of "a-t-il")
            while (position < tokenEnd)
            {
                // a run goes on past the token when the tokenizer cut between two letters ("do" "n't")
                if (IsWordChar(text[position])) position = reader.Word(position, end);
                else reader.Mark(position++);
            }
        }
        if (into.Count > 0) MarkFinal(into);
        return into;
    }

    /// <summary>
    /// The words of <paramref name="text"/>[<paramref name="start"/>, <paramref name="end"/>) read from the text alone:
    /// the same words as <see cref="Of(string, IReadOnlyList{Token}, int, int)"/> gives with any cut of the whole text
    /// (the tokenizer leaves out only blanks, and a run goes on past a token's end), without making the cut. For a
    /// stored text, whose tokens are not kept: reading it so instead of cutting it again took the stories stage of
    /// `bench/Recoupe.Bench -- ingest` on fr-news from 808 to 693 µs/article of CPU (medians of six rounds alternated with
    /// the build before, each round ×0.80–0.97).
    /// </summary>
    public static List<WordToken> Of(string text, int start, int end)
    {
        var into = new List<WordToken>((end - start) / 6 + 4);
        var reader = new Reader(text, start, into);
        var position = start;
        while (position < end)
        {
            if (IsWordChar(text[position])) position = reader.Word(position, end);
            else reader.Mark(position++);
        }
        if (into.Count > 0) MarkFinal(into);
        return into;
    }

    /// <summary>
    /// The words of the text cut at <paramref name="end"/>, as reading it only up to there gives them: those starting
    /// before it, the last one cut short there and ending a sentence (a mark after the cut is not read, so it changes
    /// no earlier word).
    /// </summary>
    public static List<WordToken> Before(List<WordToken> words, int end)
    {
        var count = 0;
        while (count < words.Count && words[count].Start < end) count++;
        if (count == words.Count && (count == 0 || words[^1].End <= end)) return words; // the last word already ends the text
        var prefix = words.GetRange(0, count);
        if (count > 0)
        {
            var last = prefix[^1];
            prefix[^1] = last with { Length = Math.Min(last.Length, end - last.Start), Flags = last.Flags | WordFlags.SentenceFinal };
        }
        return prefix;
    }

    /// <summary>Letters, digits and combining marks make words; apostrophes and hyphens do not.</summary>
    public static bool IsWordChar(char c) =>
        c < 128 ? c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                : char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;

    private static int FirstEndingAfter(IReadOnlyList<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].End <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void MarkFinal(List<WordToken> tokens)
    {
        var last = tokens[^1];
        if (!last.Has(WordFlags.SentenceFinal))
            tokens[^1] = last with { Flags = last.Flags | WordFlags.SentenceFinal };
    }

    /// <summary>Reads words and the marks between them left to right, keeping where sentences start.</summary>
    private struct Reader(string text, int rangeStart, List<WordToken> into)
    {
        private bool _boundary = true;       // the next word starts a sentence
        private bool _hyphenPending;         // a hyphen sits between the previous word and the next

        public void Marks(int from, int to)
        {
            for (var i = from; i < to; i++) Mark(i);
        }

        /// <summary>A character that is not part of a word.</summary>
        public void Mark(int i)
        {
            var c = text[i];
            switch (c)
            {
                case '.':
                    // "M. Poutine", "J.-F. Poisson": a single capital before the dot is an initial, not a sentence end.
                    if (!AfterInitial(i)) MarkBoundary();
                    break;
                case '!' or '?' or '…' or ':' or ';' or '\n' or '\r' or '«' or '»' or '"' or '“' or '”' or '(' or ')' or '[' or ']' or '|' or '•' or '·':
                    MarkBoundary();
                    break;
            }
            _hyphenPending = c is '-' or '\u2010' or '\u2011' && i > rangeStart && IsWordChar(text[i - 1]);
        }

        /// <summary>The word starting at <paramref name="start"/>; returns where it ends.</summary>
        public int Word(int start, int end)
        {
            var i = start;
            var letters = 0;
            var uppers = 0;
            var digits = 0;
            while (i < end && IsWordChar(text[i]))
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
            if (_boundary) flags |= WordFlags.SentenceInitial;
            if (_hyphenPending && start > rangeStart && text[start - 1] is '-' or '\u2010' or '\u2011') flags |= WordFlags.HyphenJoined;
            into.Add(new WordToken(start, i - start, flags));
            _boundary = false;
            _hyphenPending = false;
            return i;
        }

        private void MarkBoundary()
        {
            if (!_boundary && into.Count > 0) MarkFinal(into);
            _boundary = true;
        }

        private readonly bool AfterInitial(int dot)
        {
            if (into.Count == 0) return false;
            var last = into[^1];
            return last.End == dot && last.Length == 1 && char.IsUpper(text[last.Start]);
        }
    }
}
