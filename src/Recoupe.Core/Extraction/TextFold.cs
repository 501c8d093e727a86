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

    /// <summary>Lower case, accents removed, typographic apostrophes made straight; ligatures œ/æ spelt out.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == 'œ') { sb.Append("oe"); continue; }
            if (c == 'æ') { sb.Append("ae"); continue; }
            sb.Append(FoldMap.TryGetValue(c, out var f) ? f : c);
        }
        return sb.ToString();
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
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var w = word.ToString();
            word.Clear();
            if (drop is not null && drop.Contains(w)) return;
            if (sb.Length > 0) sb.Append('-');
            sb.Append(w);
        }
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else Flush();
        }
        Flush();
        return sb.ToString();
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
        var folded = TextFold.Fold(surname);
        // keep the last particle-free word group: "al-Assad" → "assad", "Le Pen" stays "lepen"
        var words = folded.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries);
        var start = 0;
        while (start < words.Length - 1 && Array.IndexOf(LeadingParticles, words[start]) >= 0 && words[start] is not ("le" or "la"))
            start++;
        var sb = new StringBuilder();
        for (var i = start; i < words.Length; i++)
            foreach (var c in words[i])
                if (char.IsLetter(c)) sb.Append(c);
        return Phonetic(sb.ToString());
    }

    /// <summary>Transliteration-tolerant spelling of one folded word.</summary>
    public static string Phonetic(string w)
    {
        if (w.Length == 0) return w;
        var s = new StringBuilder(w.Length);
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            var next2 = i + 2 < w.Length ? w[i + 2] : '\0';
            switch (c)
            {
                case 't' when next == 'c' && next2 == 'h': s.Append('S'); i += 2; continue;  // tch (fr) = ch (en)
                case 't' when next == 's' && next2 == 'h': s.Append('S'); i += 2; continue;
                case 's' when next == 'c' && next2 == 'h': s.Append('S'); i += 2; continue;  // sch
                case 'c' when next == 'h': s.Append('S'); i++; continue;                    // ch (fr) = sh (en)
                case 's' when next == 'h': s.Append('S'); i++; continue;
                case 'z' when next == 'h': s.Append('J'); i++; continue;                    // zh (en) = j (fr)
                case 'd' when next == 'j': s.Append('J'); i++; continue;
                case 'j': s.Append('J'); continue;
                case 'k' when next == 'h': s.Append('H'); i++; continue;
                case 'p' when next == 'h': s.Append('f'); i++; continue;
                case 'o' when next == 'u': s.Append('u'); i++; continue;                    // ou (fr) = u (en)
                case 'g' when next == 'u' && next2 is 'e' or 'i' or 'y': s.Append('g'); i++; continue;
                case 'q' when next == 'u': s.Append('k'); i++; continue;
                case 'c' when next == 'k': s.Append('k'); i++; continue;
                case 'c' when next is 'e' or 'i' or 'y': s.Append('s'); continue;
                case 'c': s.Append('k'); continue;
                case 'x': s.Append("ks"); continue;
                case 'y': s.Append('i'); continue;
                case 'w': s.Append('v'); continue;
                default: s.Append(c); continue;
            }
        }
        // collapse doubled letters, then drop a final mute e
        var collapsed = new StringBuilder(s.Length);
        foreach (var c in s.ToString())
            if (collapsed.Length == 0 || collapsed[^1] != c) collapsed.Append(c);
        if (collapsed.Length > 3 && collapsed[^1] == 'e' && !"aeiou".Contains(collapsed[^2])) collapsed.Length--;
        return collapsed.ToString().ToLowerInvariant();
    }
}
