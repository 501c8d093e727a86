using System.Text;

namespace Recoupe.Core.Text;

/// <summary>
/// Lower-casing plus diacritic folding for matching ("Élysée" → "elysee", "Œuvre" → "oeuvre", "Straße" → "strasse").
/// A fixed table over Latin-1 and Latin Extended-A, so the result does not depend on the machine's ICU data.
/// Typographic apostrophes fold to the ASCII one and dashes to '-'.
/// </summary>
public static class TextFolding
{
    // Folded form of each char in U+00C0..U+017F; null entries mean "lower-case it as is".
    private static readonly string?[] LatinTable = BuildLatinTable();

    /// <summary>Folds one character; returns a one- or two-character string, or null when the character folds to itself after lower-casing.</summary>
    public static string? FoldChar(char c)
    {
        if (c >= '\u00C0' && c <= '\u017F') return LatinTable[c - '\u00C0'];
        return c switch
        {
            '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '`' => "'",
            '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => "-",
            _ => null,
        };
    }

    /// <summary>Lower-cased, diacritic-folded copy of <paramref name="text"/>.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        if (IsAlreadyFolded(text)) return text.ToString();
        var builder = new StringBuilder(text.Length + 4);
        AppendFolded(builder, text);
        return builder.ToString();
    }

    public static string Fold(string text) => IsAlreadyFolded(text) ? text : Fold(text.AsSpan());

    /// <summary>Appends the folded form of <paramref name="text"/> to <paramref name="builder"/>.</summary>
    public static void AppendFolded(StringBuilder builder, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < 128)
            {
                builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                continue;
            }
            var folded = FoldChar(c);
            if (folded is null) builder.Append(char.ToLowerInvariant(c));
            else builder.Append(folded);
        }
    }

    /// <summary>Writes the folded form into <paramref name="destination"/>; returns the length written, or -1 when it does not fit.</summary>
    public static int FoldInto(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                if (n >= destination.Length) return -1;
                destination[n++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
                continue;
            }
            var folded = FoldChar(c);
            if (folded is null)
            {
                if (n >= destination.Length) return -1;
                destination[n++] = char.ToLowerInvariant(c);
            }
            else
            {
                if (n + folded.Length > destination.Length) return -1;
                folded.AsSpan().CopyTo(destination[n..]);
                n += folded.Length;
            }
        }
        return n;
    }

    private static bool IsAlreadyFolded(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c >= 128 || c is >= 'A' and <= 'Z') return false;
        return true;
    }

    private static string?[] BuildLatinTable()
    {
        // Base letters for U+00C0..U+00FF, then U+0100..U+017F (pairs upper/lower mostly).
        const string latin1 =
            "aaaaaa\0ceeeeiiii" + // C0-CF: À..Ï (Æ at C6 handled below)
            "dnooooo\0ouuuuyt\0" + // D0-DF: Ð..ß (× at D7, Þ→t, ß below)
            "aaaaaa\0ceeeeiiii" + // E0-EF
            "dnooooo\0ouuuuyty";  // F0-FF (÷ at F7, þ→t)
        const string extendedA =
            "aaaaaaccccccccdd" + // 0100-010F
            "ddeeeeeeeeeegggg" + // 0110-011F
            "gggghhhhiiiiiiii" + // 0120-012F
            "ii\0\0jjkkklllllll" + // 0130-013F (IJ ij at 0132/0133 below)
            "lllnnnnnnnnnoooo" + // 0140-014F
            "oo\0\0rrrrrrssssss" + // 0150-015F (Œ œ at 0152/0153 below)
            "ssttttttuuuuuuuu" + // 0160-016F
            "uuuuwwyyyzzzzzzs";  // 0170-017F (ſ → s)
        var table = new string?[0x17F - 0xC0 + 1];
        for (var i = 0; i < 64; i++)
            table[i] = latin1[i] == '\0' ? null : latin1[i].ToString();
        for (var i = 0; i < 128; i++)
            table[64 + i] = extendedA[i] == '\0' ? null : extendedA[i].ToString();
        table[0xC6 - 0xC0] = "ae";
        table[0xE6 - 0xC0] = "ae";
        table[0xDF - 0xC0] = "ss";
        table[0xD7 - 0xC0] = null; // ×
        table[0xF7 - 0xC0] = null; // ÷
        table[0x132 - 0xC0] = "ij";
        table[0x133 - 0xC0] = "ij";
        table[0x152 - 0xC0] = "oe";
        table[0x153 - 0xC0] = "oe";
        return table;
    }
}
