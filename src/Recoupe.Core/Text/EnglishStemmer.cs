using System.Text;
using static Recoupe.Core.Text.StemBuffer;

namespace Recoupe.Core.Text;

/// <summary>
/// An English stemmer of our own in the Porter/Snowball style: possessives and plurals, -ed/-ing, y→i,
/// then derivational suffixes inside regions R1/R2, then a final -e and double -l. For matching only.
/// </summary>
public sealed class EnglishStemmer : IStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("fulli", "ful"), ("lessli", "less"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "al", "er", "ic",
    ];

    public string Stem(string word)
    {
        if (word.Length <= 2) return word;
        var w = new StringBuilder(word);
        if (w[0] == '\'') w.Remove(0, 1);
        if (w.Length > 0 && w[0] == 'y') w[0] = 'Y';
        for (var i = 1; i < w.Length; i++)
            if (w[i] == 'y' && IsVowel(w[i - 1])) w[i] = 'Y';

        var r1 = StartsWith(w, "gener") ? 5 : StartsWith(w, "commun") ? 6 : StartsWith(w, "arsen") ? 5 : Region(w, 0);
        var r2 = Region(w, r1);

        // Step 0: possessives.
        if (EndsWith(w, "'s'")) w.Length -= 3;
        else if (EndsWith(w, "'s")) w.Length -= 2;
        else if (EndsWith(w, "'")) w.Length -= 1;

        Step1a(w);
        Step1b(w, r1);
        // Step 1c: y → i after a consonant that is not the first letter.
        if (w.Length > 2 && w[^1] is 'y' or 'Y' && !IsVowel(w[^2])) w[^1] = 'i';

        ApplyRules(w, Step2Rules, r1, allowLi: true);
        ApplyRules(w, Step3Rules, r1, allowLi: false);
        if (EndsWith(w, "ative") && w.Length - 5 >= r2) w.Length -= 5;
        Step4(w, r2);
        Step5(w, r1, r2);

        for (var i = 0; i < w.Length; i++)
            if (w[i] == 'Y') w[i] = 'y';
        return w.ToString();
    }

    private static void Step1a(StringBuilder w)
    {
        if (EndsWith(w, "sses")) { w.Length -= 2; return; }
        if (EndsWith(w, "ied") || EndsWith(w, "ies"))
        {
            w.Length -= w.Length > 4 ? 2 : 1;
            return;
        }
        if (EndsWith(w, "us") || EndsWith(w, "ss")) return;
        if (EndsWith(w, "s") && w.Length >= 2)
        {
            // Delete the s when the part before the letter preceding it holds a vowel ("gaps" → "gap", "gas" stays).
            for (var i = 0; i < w.Length - 2; i++)
                if (IsVowel(w[i])) { w.Length -= 1; return; }
        }
    }

    private static void Step1b(StringBuilder w, int r1)
    {
        if (EndsWith(w, "eedly")) { if (w.Length - 5 >= r1) w.Length -= 3; return; }
        if (EndsWith(w, "eed")) { if (w.Length - 3 >= r1) w.Length -= 1; return; }
        string? suffix = EndsWith(w, "ingly") ? "ingly" : EndsWith(w, "edly") ? "edly" : EndsWith(w, "ing") ? "ing" : EndsWith(w, "ed") ? "ed" : null;
        if (suffix is null) return;
        var stemLength = w.Length - suffix.Length;
        var hasVowel = false;
        for (var i = 0; i < stemLength; i++)
            if (IsVowel(w[i])) { hasVowel = true; break; }
        if (!hasVowel) return;
        w.Length = stemLength;
        if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) w.Append('e');
        else if (EndsInDouble(w)) w.Length -= 1;
        else if (IsShort(w, Region(w, 0))) w.Append('e');
    }

    private static void ApplyRules(StringBuilder w, (string Suffix, string Replacement)[] rules, int r1, bool allowLi)
    {
        var best = -1;
        for (var i = 0; i < rules.Length; i++)
            if (EndsWith(w, rules[i].Suffix) && (best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length)) best = i;
        if (best >= 0)
        {
            var (suffix, replacement) = rules[best];
            if (w.Length - suffix.Length >= r1)
            {
                w.Length -= suffix.Length;
                w.Append(replacement);
            }
            return;
        }
        if (!allowLi) return;
        if (EndsWith(w, "ogi") && w.Length - 3 >= r1 && w.Length >= 4 && w[^4] == 'l') { w.Length -= 1; return; }
        if (EndsWith(w, "li") && w.Length - 2 >= r1 && w.Length >= 3 && "cdeghkmnrt".IndexOf(w[^3]) >= 0) w.Length -= 2;
    }

    private static void Step4(StringBuilder w, int r2)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!EndsWith(w, suffix)) continue;
            if (w.Length - suffix.Length >= r2) w.Length -= suffix.Length;
            return;
        }
        if (EndsWith(w, "ion") && w.Length - 3 >= r2 && w.Length >= 4 && w[^4] is 's' or 't') w.Length -= 3;
    }

    private static void Step5(StringBuilder w, int r1, int r2)
    {
        if (EndsWith(w, "e"))
        {
            var at = w.Length - 1;
            if (at >= r2) w.Length -= 1;
            else if (at >= r1)
            {
                var probe = new StringBuilder(w.ToString(0, at));
                if (!EndsInShortSyllable(probe)) w.Length -= 1;
            }
        }
        else if (EndsWith(w, "ll") && w.Length - 1 >= r2)
        {
            w.Length -= 1;
        }
    }

    private static bool IsShort(StringBuilder w, int r1) => r1 >= w.Length && EndsInShortSyllable(w);

    private static bool EndsInShortSyllable(StringBuilder w)
    {
        var n = w.Length;
        if (n == 2) return IsVowel(w[0]) && !IsVowel(w[1]);
        if (n < 3) return false;
        return !IsVowel(w[n - 3]) && IsVowel(w[n - 2]) && !IsVowel(w[n - 1]) && w[n - 1] is not ('w' or 'x' or 'Y');
    }

    private static bool EndsInDouble(StringBuilder w) =>
        w.Length >= 2 && w[^1] == w[^2] && "bdfgmnprt".IndexOf(w[^1]) >= 0;

    private static int Region(StringBuilder w, int from)
    {
        for (var i = from + 1; i < w.Length; i++)
            if (!IsVowel(w[i]) && IsVowel(w[i - 1])) return i + 1;
        return w.Length;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
