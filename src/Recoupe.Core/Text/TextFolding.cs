using System.Text;

namespace Recoupe.Core.Text;

/// <summary>
/// The one folding of the code base, for matching and keys: lower case, accents removed, ligatures and ß spelt out
/// ("Élysée" → "elysee", "Œuvre" → "oeuvre", "Straße" → "strasse", "Đoković" → "dokovic", "İstanbul" → "istanbul"),
/// typographic apostrophes made straight and dashes made '-'. A fixed table over Latin-1 and Latin Extended-A,
/// so the result does not depend on the machine's ICU data; other characters are only lower-cased.
/// </summary>
public static class TextFolding
{
    // The folded character of every UTF-16 code unit below TableEnd (Latin-1, Latin Extended-A, the apostrophes and
    // dashes of U+2010..U+2019); Pair marks one that folds to two letters (see TwoLetters).
    private const int TableEnd = 0x201A;
    private const char Pair = '\uFFFF';
    private static readonly char[] Table = BuildTable();

    /// <summary>The ligatures and ß, which fold to two letters.</summary>
    private static string TwoLetters(char c) => c switch
    {
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'ß' => "ss",
        _ => "ij", // Ĳ ĳ
    };

    /// <summary>One character folded: the character itself when folding leaves it as it is.</summary>
    private static char FoldOne(char c) => c < TableEnd ? Table[c] : char.ToLowerInvariant(c);

    /// <summary>Lower-cased, accent-folded copy of <paramref name="text"/>.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        var same = FoldedPrefix(text);
        if (same == text.Length) return text.ToString();
        var length = text.Length * 2; // each ligature spells two letters
        var buffer = length <= 512 ? stackalloc char[length] : new char[length];
        text[..same].CopyTo(buffer);
        return new string(buffer[..(same + FoldInto(text[same..], buffer[same..]))]);
    }

    /// <summary><see cref="Fold(ReadOnlySpan{char})"/>; the same string back when it is already folded (most words are).</summary>
    public static string Fold(string text) => FoldedPrefix(text) == text.Length ? text : Fold(text.AsSpan());

    /// <summary>Appends the folded form of <paramref name="text"/> to <paramref name="builder"/>.</summary>
    public static void AppendFolded(StringBuilder builder, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            var folded = FoldOne(c);
            if (folded == Pair) builder.Append(TwoLetters(c));
            else builder.Append(folded);
        }
    }

    /// <summary>Writes the folded form into <paramref name="destination"/>; returns the length written, or -1 when it does not fit (twice the text's length always does).</summary>
    public static int FoldInto(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            var folded = FoldOne(c);
            if (folded == Pair)
            {
                if (n + 2 > destination.Length) return -1;
                TwoLetters(c).AsSpan().CopyTo(destination[n..]);
                n += 2;
            }
            else
            {
                if (n >= destination.Length) return -1;
                destination[n++] = folded;
            }
        }
        return n;
    }

    /// <summary>Lower case with typographic apostrophes made straight, accents kept: the form word lists are written in,
    /// and the tokenizer's <see cref="Model.Token.Norm"/>.</summary>
    public static string Lower(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToLowerInvariant(buffer);
        buffer.Replace('\u2019', '\'');
        buffer.Replace('\u02BC', '\'');
        return new string(buffer);
    }

    /// <summary>A slug of folded words: "Ministère russe de la Défense" → "ministere-russe-defense" (<paramref name="drop"/>: words left out).</summary>
    public static string Slug(string text, ISet<string>? drop = null) => JoinWords(text, '-', drop);

    /// <summary>A comparison key: the folded words (letter-and-digit runs) separated by one space, punctuation left
    /// out ("« L'Élysée » répond :" → "l elysee repond").</summary>
    public static string Key(string text) => JoinWords(text, ' ', null);

    /// <summary>The folded words of <paramref name="text"/> joined by <paramref name="separator"/>, without the words of <paramref name="drop"/>.</summary>
    private static string JoinWords(string text, char separator, ISet<string>? drop)
    {
        var length = text.Length * 2;
        var folded = length <= 512 ? stackalloc char[length] : new char[length];
        folded = folded[..FoldInto(text, folded)];
        // dropped words are looked up as spans when the set allows it (the sets passed here are ordinal hash sets)
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> dropLookup = default;
        var spanDrop = drop is HashSet<string> set && set.TryGetAlternateLookup(out dropLookup);
        var joined = length <= 512 ? stackalloc char[folded.Length] : new char[folded.Length];
        var n = 0;
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsLetterOrDigit(folded[i])) { i++; continue; }
            var start = i;
            while (i < folded.Length && char.IsLetterOrDigit(folded[i])) i++;
            var word = folded[start..i];
            if (drop is not null && (spanDrop ? dropLookup.Contains(word) : drop.Contains(word.ToString()))) continue;
            if (n > 0) joined[n++] = separator;
            word.CopyTo(joined[n..]);
            n += word.Length;
        }
        return new string(joined[..n]);
    }

    /// <summary>How many leading characters fold to themselves.</summary>
    private static int FoldedPrefix(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && FoldOne(text[i]) == text[i]) i++;
        return i;
    }

    private static char[] BuildTable()
    {
        var table = new char[TableEnd];
        for (var c = 0; c < TableEnd; c++) table[c] = char.ToLowerInvariant((char)c);
        // Base letters for U+00C0..U+00FF, then U+0100..U+017F (pairs upper/lower mostly); '\0': lower-case it as is.
        const string latin1 =
            "aaaaaa\0ceeeeiiii" + // C0-CF: À..Ï (Æ at C6 is a pair)
            "dnooooo\0ouuuuyt\0" + // D0-DF: Ð..ß (× at D7, Þ→t, ß is a pair)
            "aaaaaa\0ceeeeiiii" + // E0-EF
            "dnooooo\0ouuuuyty";  // F0-FF (÷ at F7, þ→t)
        const string extendedA =
            "aaaaaaccccccccdd" + // 0100-010F
            "ddeeeeeeeeeegggg" + // 0110-011F: Đ đ → d
            "gggghhhhiiiiiiii" + // 0120-012F
            "ii\0\0jjkkklllllll" + // 0130-013F: İ ı → i (Ĳ ĳ are pairs)
            "lllnnnnnnnnnoooo" + // 0140-014F
            "oo\0\0rrrrrrssssss" + // 0150-015F (Œ œ are pairs)
            "ssttttttuuuuuuuu" + // 0160-016F
            "uuuuwwyyyzzzzzzs";  // 0170-017F (ſ → s)
        var letters = latin1 + extendedA;
        for (var i = 0; i < letters.Length; i++)
            if (letters[i] != '\0') table[0xC0 + i] = letters[i];
        foreach (var c in "ÆæŒœßĲĳ") table[c] = Pair;
        foreach (var c in "\u2019\u2018\u02BC\u00B4") table[c] = '\'';
        foreach (var c in "\u2010\u2011\u2012\u2013\u2014") table[c] = '-';
        return table;
    }
}
