using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// What a figure counts, where and when, read around it in its article. The counted thing is the figure's own noun
/// phrase; a figure whose counted word is only its unit ("25 tonnes", "100 000 euros") counts what its unit is "of"
/// ("25 tonnes de matériel médical") or what it is the amount "of" ("une aide de 100 000 euros"), else nothing clear.
/// The place is the places and bodies its clause names (not its claimer); the period is the day its clause names,
/// else its article's publication time.
/// </summary>
internal static class FigureReferent
{
    private const int Reach = 4;

    /// <summary>The counted noun phrase, or null when no noun says what the figure counts.</summary>
    public static string? Of(ArticleText article, Figure f)
    {
        var language = article.Language;
        if (f.Counts is { } counts && !language.IsUnitWord(TextFolding.Fold(counts.Trim()))) return counts;
        var of = FigureResources.For(language.Code);
        var text = article.Article.Text;
        var after = Words(text, f.End, +1);
        var k = 0;
        while (k < after.Count && language.IsUnitWord(TextFolding.Fold(after[k]))) k++;
        if (k + 1 < after.Count && of.Is(TextFolding.Lower(after[k]), "of") && IsContentWord(after[k + 1], language))
            return k + 2 < after.Count && IsContentWord(after[k + 2], language) ? after[k + 1] + " " + after[k + 2] : after[k + 1];
        var before = Words(text, f.Start, -1);
        for (var n = 0; n + 1 < before.Count && n < Reach; n++)
            if (of.Is(TextFolding.Lower(before[n]), "of"))
                return IsContentWord(before[n + 1], language) ? before[n + 1] : null;
        return null;
    }

    /// <summary>
    /// Stems of the group or whole the figure gives the size of: "une équipe médicale de neuf personnes" (équipe,
    /// médicale), "un détachement de la sécurité civile (55 personnes" (civile, sécurité); empty when none is said.
    /// </summary>
    public static HashSet<string> Owner(ArticleText article, Figure f)
    {
        var owner = new HashSet<string>(StringComparer.Ordinal);
        var language = article.Language;
        var text = article.Article.Text;
        var at = f.Start;
        while (at > 0 && text[at - 1] == ' ') at--;
        List<string> before;
        if (at > 0 && text[at - 1] == '(') before = Words(text, at - 1, -1);
        else
        {
            before = Words(text, f.Start, -1);
            var qualifier = f.Qualifier is null ? [] : f.Qualifier.Split(' ').Select(TextFolding.Fold).ToHashSet(StringComparer.Ordinal);
            var n = 0;
            while (n < before.Count && qualifier.Contains(TextFolding.Fold(before[n]).TrimEnd('\''))) n++;
            if (n >= before.Count || !FigureResources.For(language.Code).Is(TextFolding.Lower(before[n]), "of")) return owner;
            before = before.Skip(n + 1).ToList();
        }
        foreach (var word in before.Take(3))
        {
            if (!IsContentWord(word, language)) break;
            owner.Add(language.Stem(TextFolding.Lower(word)));
        }
        return owner;
    }

    /// <summary>Keys of the places and organisations named in the figure's clause, its claimer left out.</summary>
    public static HashSet<string> Places(ArticleText article, Figure f, SentenceText? sentence)
    {
        var places = new HashSet<string>(StringComparer.Ordinal);
        if (sentence is null) return places;
        var (from, to) = Clause(article.Article.Text, f, sentence);
        foreach (var e in article.Article.Entities)
            if (e.Start >= from && e.End <= to && e.Type != EntityType.Person && e.Key != f.ClaimedByKey && e.Name != f.ClaimedBy)
                places.Add(e.Key);
        return places;
    }

    /// <summary>
    /// The day the figure's clause names ("le bilan communiqué jeudi 6 août fait état de 137 morts"); not a day that
    /// starts a period ("depuis lundi": the scope), nor one of another clause ("…, qui a revendiqué l'attaque
    /// dimanche, …"). Null when it names none: its article's publication time then stands for it.
    /// </summary>
    public static DateOnly? Period(ArticleText article, Figure f, SentenceText? sentence)
    {
        if (sentence is null) return null;
        var (from, to) = Clause(article.Article.Text, f, sentence);
        foreach (var d in article.Article.Dates)
            if (d.Start >= from && d.End <= to && d.Value is { } day && d.Precision == "day"
                && !(article.WordBefore(d.Start, sentence.Start) is { } before && article.Language.IsPeriodStart(before)))
                return day;
        return null;
    }

    /// <summary>The stretch of the sentence between the clause marks around the figure.</summary>
    private static (int From, int To) Clause(string text, Figure f, SentenceText sentence)
    {
        var from = f.Start;
        while (from > sentence.Start && !IsClauseMark(text[from - 1])) from--;
        var to = f.End;
        while (to < sentence.End && !IsClauseMark(text[to])) to++;
        return (from, to);
    }

    private static bool IsClauseMark(char c) => c is ',' or ';' or ':' or '(' or ')' or '—' or '–';

    private static bool IsContentWord(string word, DigestLanguage language)
    {
        var folded = TextFolding.Fold(word);
        return folded.Length >= 3 && char.IsLower(word[0]) && !folded.EndsWith('\'') && !language.IsStopword(folded)
               && language.NumberWord(folded) is null && !language.IsUnitWord(folded);
    }

    /// <summary>Up to <see cref="Reach"/> + 2 words from an offset, forwards or backwards (nearest first), stopping at punctuation; an elided word keeps its apostrophe ("d'").</summary>
    private static List<string> Words(string text, int at, int step)
    {
        var words = new List<string>();
        var i = step > 0 ? at : at - 1;
        while (words.Count < Reach + 2 && i >= 0 && i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i += step; continue; }
            if (!char.IsLetterOrDigit(c) && c is not ('\'' or '’')) break;
            var start = i;
            if (step > 0)
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '-')) i++;
                if (i < text.Length && text[i] is '\'' or '’') i++;
                if (i == start) break;
                words.Add(text[start..i].Replace('’', '\''));
            }
            else
            {
                var end = i + 1;
                if (c is '\'' or '’') i--;
                while (i >= 0 && (char.IsLetterOrDigit(text[i]) || text[i] == '-')) i--;
                if (i + 1 >= end) break;
                words.Add(text[(i + 1)..end].Replace('’', '\''));
            }
        }
        return words;
    }
}
