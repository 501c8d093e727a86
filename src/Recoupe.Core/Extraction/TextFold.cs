using System.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Accent folding and name keys. Folding is table-driven (no culture data needed, works under invariant globalization).
/// </summary>
public static class TextFold
{
    private const string FoldFrom = "àáâãäåāăą" + "çćč" + "ď" + "èéêëēėęě" + "ìíîïīįı" + "ñńň" + "òóôõöøōő" + "ùúûüūůűų" + "ýÿ" + "žźż" + "śšş" + "łğřţ";
    private const string FoldTo = "aaaaaaaaa" + "ccc" + "d" + "eeeeeeee" + "iiiiiii" + "nnn" + "oooooooo" + "uuuuuuuu" + "yy" + "zzz" + "sss" + "lgrt";

    private static readonly Dictionary<char, char> FoldMap = BuildFoldMap();

    // The fold map as a table indexed by the character (up to the highest one it maps): folding runs on every word
    // of every name, key and label, and a table read costs far less than a dictionary look-up.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static Dictionary<char, char> BuildFoldMap()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < FoldFrom.Length && i < FoldTo.Length; i++)
        {
            map[FoldFrom[i]] = FoldTo[i];
            map[char.ToUpperInvariant(FoldFrom[i])] = char.ToUpperInvariant(FoldTo[i]);
        }
        map['’'] = '\'';
        map['ʼ'] = '\'';
        return map;
    }

    private static char[] BuildFoldTable()
    {
        var table = new char[FoldMap.Keys.Max() + 1];
        for (var c = 0; c < table.Length; c++) table[c] = (char)c;
        foreach (var (from, to) in FoldMap) table[from] = to;
        return table;
    }

    /// <summary>One lower-case character folded (ligatures excepted: they become two letters).</summary>
    private static char FoldLower(char c) => c < FoldTable.Length ? FoldTable[c] : c;

    /// <summary>Lower case, accents removed, typographic apostrophes made straight; ligatures œ/æ spelt out.</summary>
    public static string Fold(string text)
    {
        // most words fold to themselves (lower-case, no accent): they are returned as they are, with no new string
        var same = 0;
        while (same < text.Length && FoldsToItself(text[same])) same++;
        if (same == text.Length) return text;
        var length = text.Length * 2; // each ligature spells two letters
        var buffer = length <= 512 ? stackalloc char[length] : new char[length];
        return new string(buffer[..FoldInto(text, same, buffer)]);
    }

    private static bool FoldsToItself(char raw)
    {
        var c = char.ToLowerInvariant(raw);
        return c == raw && c != 'œ' && c != 'æ' && FoldLower(c) == c;
    }

    /// <summary>Writes the folded text into <paramref name="buffer"/> (twice its length), <paramref name="same"/> leading characters being already folded; returns the length written.</summary>
    private static int FoldInto(ReadOnlySpan<char> text, int same, Span<char> buffer)
    {
        text[..same].CopyTo(buffer);
        var n = same;
        for (var i = same; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (c == 'œ') { buffer[n++] = 'o'; buffer[n++] = 'e'; continue; }
            if (c == 'æ') { buffer[n++] = 'a'; buffer[n++] = 'e'; continue; }
            buffer[n++] = FoldLower(c);
        }
        return n;
    }

    /// <summary>Writes <see cref="Fold"/> of <paramref name="text"/> into <paramref name="buffer"/> (twice its length); returns the length written.</summary>
    public static int FoldInto(ReadOnlySpan<char> text, Span<char> buffer) => FoldInto(text, 0, buffer);

    /// <summary>Appends <see cref="Fold"/> of <paramref name="text"/> to <paramref name="sb"/> without making the folded string.</summary>
    public static void AppendFold(StringBuilder sb, string text)
    {
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == 'œ') sb.Append("oe");
            else if (c == 'æ') sb.Append("ae");
            else sb.Append(FoldLower(c));
        }
    }

    /// <summary>Lower case with typographic apostrophes made straight, accents kept.</summary>
    public static string Lower(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            buffer[i] = c is '’' or 'ʼ' ? '\'' : char.ToLowerInvariant(c);
        }
        return new string(buffer);
    }

    /// <summary>A slug of folded words: "Ministère russe de la Défense" → "ministere-russe-defense" (function words dropped).</summary>
    public static string Slug(string text, ISet<string>? drop = null)
    {
        var length = text.Length * 2;
        var folded = length <= 512 ? stackalloc char[length] : new char[length];
        folded = folded[..FoldInto(text, 0, folded)];
        // dropped words are looked up as spans when the set allows it (the sets passed here are ordinal hash sets)
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> dropLookup = default;
        var spanDrop = drop is HashSet<string> set && set.TryGetAlternateLookup(out dropLookup);
        var slug = length <= 512 ? stackalloc char[folded.Length] : new char[folded.Length];
        var n = 0;
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsLetterOrDigit(folded[i])) { i++; continue; }
            var start = i;
            while (i < folded.Length && char.IsLetterOrDigit(folded[i])) i++;
            var word = folded[start..i];
            if (drop is not null && (spanDrop ? dropLookup.Contains(word) : drop.Contains(word.ToString()))) continue;
            if (n > 0) slug[n++] = '-';
            word.CopyTo(slug[n..]);
            n += word.Length;
        }
        return new string(slug[..n]);
    }
}

/// <summary>
/// Cross-article keys for people: the surname, folded and normalised so that spelling variants and
/// transliterations meet (Choïgou/Choigou/Shoigu → "soigu", Guérassimov/Gerasimov → "gerasimov", Poutine/Putin → "putin").
/// </summary>
public static class NameKeys
{
    private static readonly string[] LeadingParticles = ["al", "el", "al-", "el-", "ben", "bin", "ibn", "abu", "abou", "de", "du", "da", "di", "van", "von", "le", "la"];

    /// <summary>The phonetic key of a surname (one or more words). Empty when nothing is left.</summary>
    public static string Surname(string surname)
    {
        var folded = TextFold.Fold(surname).AsSpan();
        // keep the last particle-free word group: "al-Assad" → "assad", "Le Pen" stays "lepen"
        var words = 0;
        for (var i = 0; i < folded.Length;)
        {
            i = NextWord(folded, i, out var word);
            if (word.Length > 0) words++;
        }
        var letters = folded.Length <= 256 ? stackalloc char[folded.Length] : new char[folded.Length];
        var n = 0;
        var index = 0;
        var skipping = true;
        for (var i = 0; i < folded.Length;)
        {
            i = NextWord(folded, i, out var word);
            if (word.Length == 0) continue;
            if (skipping && index < words - 1 && IsLeadingParticle(word)) { index++; continue; }
            skipping = false;
            index++;
            foreach (var c in word)
                if (char.IsLetter(c)) letters[n++] = c;
        }
        return Phonetic(letters[..n]);
    }

    /// <summary>The next word of <paramref name="text"/> from <paramref name="from"/> (words are cut at ' ', '-' and '\''); returns where the search goes on.</summary>
    private static int NextWord(ReadOnlySpan<char> text, int from, out ReadOnlySpan<char> word)
    {
        var i = from;
        while (i < text.Length && text[i] is ' ' or '-' or '\'') i++;
        var start = i;
        while (i < text.Length && text[i] is not (' ' or '-' or '\'')) i++;
        word = text[start..i];
        return i;
    }

    private static bool IsLeadingParticle(ReadOnlySpan<char> word)
    {
        if (word is "le" or "la") return false;
        foreach (var particle in LeadingParticles)
            if (word.SequenceEqual(particle)) return true;
        return false;
    }

    /// <summary>Transliteration-tolerant spelling of one folded word.</summary>
    public static string Phonetic(string w) => w.Length == 0 ? w : Phonetic(w.AsSpan());

    private static string Phonetic(ReadOnlySpan<char> w)
    {
        if (w.Length == 0) return "";
        var length = w.Length * 2; // "x" spells two letters
        var s = length <= 256 ? stackalloc char[length] : new char[length];
        var n = 0;
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            var next2 = i + 2 < w.Length ? w[i + 2] : '\0';
            switch (c)
            {
                case 't' when next == 'c' && next2 == 'h': s[n++] = 'S'; i += 2; continue;  // tch (fr) = ch (en)
                case 't' when next == 's' && next2 == 'h': s[n++] = 'S'; i += 2; continue;
                case 's' when next == 'c' && next2 == 'h': s[n++] = 'S'; i += 2; continue;  // sch
                case 'c' when next == 'h': s[n++] = 'S'; i++; continue;                    // ch (fr) = sh (en)
                case 's' when next == 'h': s[n++] = 'S'; i++; continue;
                case 'z' when next == 'h': s[n++] = 'J'; i++; continue;                    // zh (en) = j (fr)
                case 'd' when next == 'j': s[n++] = 'J'; i++; continue;
                case 'j': s[n++] = 'J'; continue;
                case 'k' when next == 'h': s[n++] = 'H'; i++; continue;
                case 'p' when next == 'h': s[n++] = 'f'; i++; continue;
                case 'o' when next == 'u': s[n++] = 'u'; i++; continue;                    // ou (fr) = u (en)
                case 'g' when next == 'u' && next2 is 'e' or 'i' or 'y': s[n++] = 'g'; i++; continue;
                case 'q' when next == 'u': s[n++] = 'k'; i++; continue;
                case 'c' when next == 'k': s[n++] = 'k'; i++; continue;
                case 'c' when next is 'e' or 'i' or 'y': s[n++] = 's'; continue;
                case 'c': s[n++] = 'k'; continue;
                case 'x': s[n++] = 'k'; s[n++] = 's'; continue;
                case 'y': s[n++] = 'i'; continue;
                case 'w': s[n++] = 'v'; continue;
                default: s[n++] = c; continue;
            }
        }
        // collapse doubled letters, then drop a final mute e (the marks S, J, H are lowered only at the end)
        var collapsed = 0;
        for (var i = 0; i < n; i++)
            if (collapsed == 0 || s[collapsed - 1] != s[i]) s[collapsed++] = s[i];
        if (collapsed > 3 && s[collapsed - 1] == 'e' && !"aeiou".Contains(s[collapsed - 2])) collapsed--;
        var lower = length <= 256 ? stackalloc char[collapsed] : new char[collapsed];
        s[..collapsed].ToLowerInvariant(lower);
        return new string(lower);
    }
}
