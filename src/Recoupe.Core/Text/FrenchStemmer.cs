using System.Text;
using static Recoupe.Core.Text.StemBuffer;

namespace Recoupe.Core.Text;

/// <summary>
/// A French stemmer of our own in the Snowball style: regions RV, R1 and R2 decide which suffixes may go;
/// derivational suffixes first, then verb endings, then residual endings, undoubling and accent removal.
/// Written for matching (grouping "manifestation", "manifestations", "manifestants" …), not for display.
/// </summary>
public sealed class FrenchStemmer : IStemmer
{
    private const string Vowels = "aeiouyâàëéêèïîôûù";

    private static readonly string[] Step1Suffixes = SortedLongestFirst(
        "ance", "ique", "isme", "able", "iste", "eux", "ances", "iques", "ismes", "ables", "istes",
        "atrice", "ateur", "ation", "atrices", "ateurs", "ations",
        "logie", "logies", "usion", "ution", "usions", "utions", "ence", "ences",
        "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux", "euse", "euses",
        "issement", "issements", "amment", "emment", "ment", "ments");

    private static readonly string[] Step2aSuffixes = SortedLongestFirst(
        "îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraient", "irais", "irait", "iras", "irent",
        "irez", "iriez", "irions", "irons", "iront", "is", "issaient", "issais", "issait", "issant", "issante",
        "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it");

    private static readonly string[] Step2bSuffixes = SortedLongestFirst(
        "ions", "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraient", "erais", "erait", "eras", "erez",
        "eriez", "erions", "erons", "eront", "ez", "iez",
        "âmes", "ât", "âtes", "a", "ai", "aient", "ait", "ais", "ant", "ante", "antes", "ants", "as", "asse",
        "assent", "asses", "assiez", "assions");

    private static readonly string[] Step2bPlain = ["âmes", "ât", "âtes", "a", "ai", "aient", "ait", "ais", "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions"];

    public string Stem(string word)
    {
        if (word.Length <= 2) return word;
        var w = new StringBuilder(word);
        MarkSemivowels(w);
        var rv = RegionRv(w);
        var r1 = RegionAfterVowelConsonant(w, 0);
        var r2 = RegionAfterVowelConsonant(w, r1);

        var step1 = Step1(w, rv, r1, r2);
        var changed = step1 != Step1Result.None;
        if (step1 is Step1Result.None or Step1Result.MentLike)
        {
            if (Step2a(w, rv)) changed = true;
            else if (Step2b(w, rv, r2)) changed = true;
        }

        if (changed)
        {
            if (w.Length > 0 && w[^1] == 'Y') w[^1] = 'i';
            else if (w.Length > 0 && w[^1] == 'ç') w[^1] = 'c';
        }
        else
        {
            Step4(w, rv, r2);
        }

        Undouble(w);
        Unaccent(w);
        for (var i = 0; i < w.Length; i++)
            w[i] = w[i] switch { 'I' => 'i', 'U' => 'u', 'Y' => 'y', _ => w[i] };
        return w.ToString();
    }

    private enum Step1Result { None, Removed, MentLike }

    private static Step1Result Step1(StringBuilder w, int rv, int r1, int r2)
    {
        var suffix = LongestSuffix(w, Step1Suffixes);
        if (suffix is null) return Step1Result.None;
        var at = w.Length - suffix.Length;
        switch (suffix)
        {
            case "ance" or "ique" or "isme" or "able" or "iste" or "eux" or "ances" or "iques" or "ismes" or "ables" or "istes":
                if (at < r2) return Step1Result.None;
                w.Length = at;
                return Step1Result.Removed;
            case "atrice" or "ateur" or "ation" or "atrices" or "ateurs" or "ations":
                if (at < r2) return Step1Result.None;
                w.Length = at;
                if (EndsWith(w, "ic")) ReplaceEnd(w, 2, at - 2 >= r2 ? "" : "iqU");
                return Step1Result.Removed;
            case "logie" or "logies":
                if (at < r2) return Step1Result.None;
                ReplaceEnd(w, suffix.Length, "log");
                return Step1Result.Removed;
            case "usion" or "ution" or "usions" or "utions":
                if (at < r2) return Step1Result.None;
                ReplaceEnd(w, suffix.Length, "u");
                return Step1Result.Removed;
            case "ence" or "ences":
                if (at < r2) return Step1Result.None;
                ReplaceEnd(w, suffix.Length, "ent");
                return Step1Result.Removed;
            case "ement" or "ements":
                if (at < rv) return Step1Result.None;
                w.Length = at;
                if (EndsWith(w, "iv") && w.Length - 2 >= r2)
                {
                    w.Length -= 2;
                    if (EndsWith(w, "at") && w.Length - 2 >= r2) w.Length -= 2;
                }
                else if (EndsWith(w, "eus"))
                {
                    if (w.Length - 3 >= r2) w.Length -= 3;
                    else if (w.Length - 3 >= r1) ReplaceEnd(w, 3, "eux");
                }
                else if ((EndsWith(w, "abl") || EndsWith(w, "iqU")) && w.Length - 3 >= r2)
                {
                    w.Length -= 3;
                }
                else if ((EndsWith(w, "ièr") || EndsWith(w, "Ièr")) && w.Length - 3 >= rv)
                {
                    ReplaceEnd(w, 3, "i");
                }
                return Step1Result.Removed;
            case "ité" or "ités":
                if (at < r2) return Step1Result.None;
                w.Length = at;
                if (EndsWith(w, "abil")) ReplaceEnd(w, 4, w.Length - 4 >= r2 ? "" : "abl");
                else if (EndsWith(w, "ic")) ReplaceEnd(w, 2, w.Length - 2 >= r2 ? "" : "iqU");
                else if (EndsWith(w, "iv") && w.Length - 2 >= r2) w.Length -= 2;
                return Step1Result.Removed;
            case "if" or "ive" or "ifs" or "ives":
                if (at < r2) return Step1Result.None;
                w.Length = at;
                if (EndsWith(w, "at") && w.Length - 2 >= r2)
                {
                    w.Length -= 2;
                    if (EndsWith(w, "ic")) ReplaceEnd(w, 2, w.Length - 2 >= r2 ? "" : "iqU");
                }
                return Step1Result.Removed;
            case "eaux":
                ReplaceEnd(w, 4, "eau");
                return Step1Result.Removed;
            case "aux":
                if (at < r1) return Step1Result.None;
                ReplaceEnd(w, 3, "al");
                return Step1Result.Removed;
            case "euse" or "euses":
                if (at >= r2) { w.Length = at; return Step1Result.Removed; }
                if (at >= r1) { ReplaceEnd(w, suffix.Length, "eux"); return Step1Result.Removed; }
                return Step1Result.None;
            case "issement" or "issements":
                if (at < r1 || at == 0 || IsVowel(w[at - 1])) return Step1Result.None;
                w.Length = at;
                return Step1Result.Removed;
            case "amment":
                if (at < rv) return Step1Result.None;
                ReplaceEnd(w, 6, "ant");
                return Step1Result.MentLike;
            case "emment":
                if (at < rv) return Step1Result.None;
                ReplaceEnd(w, 6, "ent");
                return Step1Result.MentLike;
            case "ment" or "ments":
                if (at - 1 < rv || at == 0 || !IsVowel(w[at - 1])) return Step1Result.None;
                w.Length = at;
                return Step1Result.MentLike;
        }
        return Step1Result.None;
    }

    private static bool Step2a(StringBuilder w, int rv)
    {
        var suffix = LongestSuffix(w, Step2aSuffixes);
        if (suffix is null) return false;
        var at = w.Length - suffix.Length;
        if (at < rv || at - 1 < rv || IsVowel(w[at - 1]) || w[at - 1] == 'H') return false;
        w.Length = at;
        return true;
    }

    private static bool Step2b(StringBuilder w, int rv, int r2)
    {
        var suffix = LongestSuffix(w, Step2bSuffixes);
        if (suffix is null) return false;
        var at = w.Length - suffix.Length;
        if (suffix == "ions")
        {
            if (at < r2) return false;
            w.Length = at;
            return true;
        }
        if (at < rv) return false;
        w.Length = at;
        if (Array.IndexOf(Step2bPlain, suffix) >= 0 && EndsWith(w, "e") && w.Length - 1 >= rv) w.Length -= 1;
        return true;
    }

    private static void Step4(StringBuilder w, int rv, int r2)
    {
        if (w.Length > 1 && w[^1] == 's' && "aiouès".IndexOf(w[^2]) < 0) w.Length -= 1;
        var n = w.Length;
        if (EndsWith(w, "ion") && n - 3 >= r2 && n - 3 >= rv && n >= 4 && w[n - 4] is 's' or 't')
            w.Length -= 3;
        else if ((EndsWith(w, "ière") || EndsWith(w, "Ière")) && n - 4 >= rv) ReplaceEnd(w, 4, "i");
        else if ((EndsWith(w, "ier") || EndsWith(w, "Ier")) && n - 3 >= rv) ReplaceEnd(w, 3, "i");
        else if (EndsWith(w, "e") && n - 1 >= rv) w.Length -= 1;
        else if (EndsWith(w, "guë") && n - 1 >= rv) w.Length -= 1;
    }

    private static void Undouble(StringBuilder w)
    {
        if (EndsWith(w, "enn") || EndsWith(w, "onn") || EndsWith(w, "ett") || EndsWith(w, "ell") || EndsWith(w, "eill"))
            w.Length -= 1;
    }

    /// <summary>"…é" or "…è" followed only by consonants at the end loses its accent ("complèt" → "complet").</summary>
    private static void Unaccent(StringBuilder w)
    {
        var i = w.Length - 1;
        while (i >= 0 && !IsVowel(w[i])) i--;
        if (i >= 0 && i < w.Length - 1 && w[i] is 'é' or 'è') w[i] = 'e';
    }

    /// <summary>u or i between vowels, y next to a vowel, and u after q act as consonants: mark them in upper case.</summary>
    private static void MarkSemivowels(StringBuilder w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var prevVowel = i > 0 && IsVowel(w[i - 1]);
            var nextVowel = i + 1 < w.Length && IsVowel(w[i + 1]);
            if (c is 'u' or 'i' && prevVowel && nextVowel) w[i] = char.ToUpperInvariant(c);
            else if (c == 'y' && (prevVowel || nextVowel)) w[i] = 'Y';
            else if (c == 'u' && i > 0 && w[i - 1] == 'q') w[i] = 'U';
        }
    }

    private static int RegionRv(StringBuilder w)
    {
        if (w.Length >= 2 && IsVowel(w[0]) && IsVowel(w[1])) return Math.Min(3, w.Length);
        if (StartsWith(w, "par") || StartsWith(w, "col") || StartsWith(w, "tap")) return 3;
        for (var i = 1; i < w.Length; i++)
            if (IsVowel(w[i])) return i + 1;
        return w.Length;
    }

    private static int RegionAfterVowelConsonant(StringBuilder w, int from)
    {
        for (var i = from + 1; i < w.Length; i++)
            if (!IsVowel(w[i]) && IsVowel(w[i - 1])) return i + 1;
        return w.Length;
    }

    private static bool IsVowel(char c) => Vowels.IndexOf(c) >= 0;

    private static string? LongestSuffix(StringBuilder w, string[] longestFirst)
    {
        foreach (var s in longestFirst)
            if (EndsWith(w, s)) return s;
        return null;
    }

    private static void ReplaceEnd(StringBuilder w, int count, string with)
    {
        w.Length -= count;
        w.Append(with);
    }

    private static string[] SortedLongestFirst(params string[] suffixes) =>
        suffixes.Distinct().OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
}
