using System.Globalization;
using System.Text;

namespace Recoupe.Core.Cleaning;

/// <summary>Small text helpers the cleaning stages share: whitespace normalisation, cue keys, character classes, hashing.</summary>
internal static class TextShape
{
    /// <summary>
    /// One-line form of a block: tabs, no-break and other spaces become a plain space, invisible characters
    /// (zero-width space, BOM, soft hyphen) go, runs of spaces collapse, ends are trimmed. Line breaks become spaces.
    /// Every other character is kept as it is.
    /// </summary>
    public static string NormalizeInline(string text)
    {
        if (text.Length == 0) return text;
        if (IsAlreadyInline(text)) return text;
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsInvisible(c)) continue;
            if (IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsAlreadyInline(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ') return false;
        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace) return false;
                previousSpace = true;
                continue;
            }
            previousSpace = false;
            if (IsInvisible(c) || IsSpace(c)) return false;
        }
        return true;
    }

    /// <summary>Any white space, including no-break, narrow no-break, ideographic space, tabs and line breaks.</summary>
    public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00A0' || c == '\u202F'
                                          || c == '\u2007' || c == '\u205F' || c == '\u3000' || c == '\u000B' || c == '\u000C'
                                          || c == '\u0085' || c == '\u2028' || c == '\u2029' || (c >= '\u2000' && c <= '\u200A');

    public static bool IsInvisible(char c) => c == '\u200B' || c == '\uFEFF' || c == '\u00AD' || c == '\u2060';

    /// <summary>True when the text has nothing but white space and invisible characters.</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsSpace(c) && !IsInvisible(c)) return false;
        return true;
    }

    /// <summary>Lower-cased, apostrophes unified, white space collapsed: the form cues are compared in.</summary>
    public static string CueKey(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            if (IsSpace(raw) || IsInvisible(raw))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var c = raw is '\u2019' or '\u2018' or '\u02BC' or '`' ? '\'' : char.ToLowerInvariant(raw);
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><see cref="CueKey"/> without the punctuation around a menu or heading line ("Lire aussi :", "» Tags").</summary>
    public static string LineKey(string cueKey)
    {
        int start = 0, end = cueKey.Length;
        while (start < end && IsFramePunctuation(cueKey[start])) start++;
        while (end > start && IsFramePunctuation(cueKey[end - 1])) end--;
        return start == 0 && end == cueKey.Length ? cueKey : cueKey[start..end];
    }

    private static bool IsFramePunctuation(char c) => c is ' ' or ':' or '»' or '«' or '>' or '›' or '‹' or '<' or '•' or '·' or '|'
        or '-' or '–' or '—' or '.' or '…' or '*' or '+' or '→' or '▸' or '►' or '■' or '#' or '/' or '\\' or '=' or '_';

    /// <summary>Sentence-final punctuation.</summary>
    public static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…';

    /// <summary>Quotes and brackets that may close a sentence after its final punctuation.</summary>
    public static bool IsCloser(char c) => c is '"' or '»' or '”' or '’' or '\'' or ')' or ']' or '“';

    /// <summary>True when the text ends like a sentence: final punctuation, possibly followed by closing quotes or brackets.</summary>
    public static bool EndsSentence(string text)
    {
        var i = text.Length - 1;
        while (i >= 0 && (IsSpace(text[i]) || IsCloser(text[i]))) i--;
        return i >= 0 && IsTerminal(text[i]);
    }

    public static bool IsUpperLetter(char c) => char.IsUpper(c);

    public static bool IsLowerLetter(char c) => char.IsLower(c);

    public static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ';

    /// <summary>Words of a text as lower-case strings: runs of letters and digits, apostrophes ending a word (l', d').</summary>
    public static List<string> LowerWords(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            words.Add(text.Substring(start, i - start).ToLowerInvariant());
        }
        return words;
    }

    public static bool IsLetterCategory(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter;
}
