using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

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
        var folded = TextFolding.Fold(surname).AsSpan();
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
