using System.Globalization;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// What a figure counts when its own words do not say, the words that are numbers, the numbers that are no figures,
/// and a figure's time scope: the readings <see cref="FigureFinder.Run"/> asks of the words around a number.
/// </summary>
public static partial class FigureFinder
{
    /// <summary>
    /// A number that names nothing it counts takes what the figure before it in its sentence counts ("dont près de
    /// 900", "le ministère en recensait 14"), else what "le nombre de X" names there, else what a figure of the two
    /// sentences before counts ("140 ou 150 millions"). Durations and distances are not carried: "20 ans" says
    /// nothing of the next bare number.
    /// </summary>
    private static void CompleteCounts(ArticleAnalysis a, FigureResources fr, List<Draft> drafts)
    {
        var t = a.Toks;
        var r = a.R;
        for (var n = 0; n < drafts.Count; n++)
        {
            var d = drafts[n];
            if (d.Counts is not null || d.Unit is not null) continue;
            var sentence = t[d.Tok].Sentence;
            var previous = Previous(drafts, n, t, sentence);
            if (previous is not null && t[previous.Tok].Sentence == sentence)
            {
                (d.Counts, d.Unit) = (previous.Counts, previous.Unit);
                continue;
            }
            var s0 = a.SentenceStartTok(sentence);
            var s1 = a.SentenceEndTok(sentence);
            // "une magnitude d'environ 3,5", "a magnitude of about 3.5": the noun the number completes
            var of = d.First - 1 - (d.Qualifier is null ? 0 : r.Qualifiers.MatchEndingAt(t, d.First - 1, out _));
            if (of >= s0 + 2 && fr.Is(t[of].Lower, "of") && t[of - 1].Kind == TokKind.Word && !t[of - 1].IsCap && IsNoun(t[of - 1]) && !t[of - 1].In(WordLists.Preposition)
                && t[of - 2].In(WordLists.Determiner) && !fr.Is(t[of - 1].Lower, "number-of"))
            {
                d.Counts = a.Span(of - 1, of - 1);
                continue;
            }
            string? named = null;
            for (var k = s0; k < s1 && named is null; k++)
            {
                if (!fr.Is(t[k].Lower, "number-of")) continue;
                if (fr.Predicates.TryGetValue(t[k].Lower, out var canonical)) { named = canonical; break; }
                var m = k + 1;
                if (m < s1 && (fr.Is(t[m].Lower, "complement") || fr.Is(t[m].Lower, "of"))) m++;
                else continue;
                if (m < s1 && t[m].In(WordLists.Determiner)) m++;
                if (m < s1 && t[m].Kind == TokKind.Word && IsNoun(t[m]))
                {
                    var end = m;
                    if (m + 1 < s1 && t[m + 1].Kind == TokKind.Word && t[m + 1].Classes.Contains('a') && !t[m + 1].Classes.Contains('v') && !t[m + 1].In(WordLists.Preposition)) end = m + 1;
                    named = fr.Predicates.TryGetValue(t[m].Lower, out var c2) ? c2 : a.Span(m, end);
                }
            }
            if (named is not null) d.Counts = named;
            else if (previous is not null) (d.Counts, d.Unit) = (previous.Counts, previous.Unit);
        }

        Draft? Previous(List<Draft> all, int n, List<Tok> toks, int sentence)
        {
            for (var p = n - 1; p >= 0; p--)
            {
                var prev = all[p];
                if (toks[prev.Tok].Sentence < sentence - 2) return null;
                if (prev.Conversion || prev.Counts is null && prev.Unit is null) continue;
                if (prev.Unit is { } u && UnitClass(r, u) is not ("money" or "count" or "percent")) continue;
                return prev;
            }
            return null;
        }
    }

    private static string UnitClass(ExtractionResources r, string unit) =>
        FigureResources.For(r.Language).UnitClasses.GetValueOrDefault(unit, "count");

    /// <summary>For each token, whether it lies within a date or time the dates stage found.</summary>
    private static bool[] InDates(ArticleAnalysis a)
    {
        var t = a.Toks;
        var inside = a.Buffers.InDate;
        Array.Clear(inside, 0, t.Count);
        var dates = a.Document.Dates;
        // the dates stage finds them in order; sort a copy only when another order comes
        for (var n = 1; n < dates.Count; n++)
            if (dates[n].Start < dates[n - 1].Start) { dates = dates.OrderBy(d => d.Start).ToList(); break; }
        var k = 0;
        for (var i = 0; i < t.Count && dates.Count > 0; i++)
        {
            while (k < dates.Count && dates[k].End <= t[i].Start) k++;
            if (k == dates.Count) break;
            inside[i] = dates[k].Start < t[i].End && t[i].Start < dates[k].End;
        }
        return inside;
    }

    private static bool IsNoun(Tok tok)
    {
        var cls = tok.Classes;
        return cls.Contains('n') || cls.Length == 0 && tok.Lower.Length > 2;
    }

    /// <param name="hyphenated">The word holds a hyphen (the caller has looked).</param>
    private static bool WordValue(ExtractionResources r, FigureResources fr, in Tok tok, bool hyphenated, out decimal value, out string kind)
    {
        if (tok.Number is { } w) { value = w.Value; kind = w.Kind; return true; }
        value = 0;
        kind = "";
        var lower = tok.Lower;
        // compounds: "dix-huit", "vingt-trois", "quatre-vingt-dix"
        if (!hyphenated) return false;
        decimal total = 0, current = 0;
        foreach (var range in lower.AsSpan().Split('-'))
        {
            var part = lower.AsSpan(range);
            if (fr.Is(part, "number-joiner")) continue; // "vingt-et-un"
            // inside a compound, "un" is the number one, never the article ("vingt-et-un", "twenty-one")
            if (r.NumberWordOf(part) is not { } pw || pw.Kind is "approx" or "fraction") return false;
            if (pw.Kind == "hundred") current = (current == 0 ? 1 : current) * 100;
            else if (pw.Kind == "thousand") { total += (current == 0 ? 1 : current) * 1000; current = 0; }
            else if (fr.Is(part, "score") && current is > 0 and < 10) current *= pw.Value; // "quatre-vingt-dix"
            else current += pw.Value;
        }
        value = total + current;
        kind = "unit";
        return value > 0;
    }

    public static bool TryParseNumber(string s, string language, out decimal value) => TryParseNumber(s.AsSpan(), language, out value);

    public static bool TryParseNumber(ReadOnlySpan<char> s, string language, out decimal value)
    {
        // "12.000" (French thousands with a dot) versus "3.5": every group after a dot has three digits
        var dotThousands = language == "fr" && s.Contains('.') && !s.Contains(',');
        if (dotThousands)
            for (var rest = s[(s.IndexOf('.') + 1)..]; ; rest = rest[(rest.IndexOf('.') + 1)..])
            {
                var group = rest.IndexOf('.') is >= 0 and var dot ? dot : rest.Length;
                if (group != 3) { dotThousands = false; break; }
                if (group == rest.Length) break;
            }
        var digits = s.Length <= 128 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsDigit(c)) digits[n++] = c;
            else if (c == ',' && language != "en") digits[n++] = '.';
            else if (c == '.' && !dotThousands) digits[n++] = '.';
        }
        return decimal.TryParse(digits[..n], NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsNotAFigure(ArticleAnalysis a, FigureResources fr, int i, decimal value)
    {
        var r = a.R;
        var t = a.Toks;
        var tok = t[i];
        var none = new Tok { Kind = TokKind.Punct, Lower = "" };
        var prev = i > 0 ? t[i - 1] : none;
        var next = i + 1 < t.Count ? t[i + 1] : none;
        // glued to a word or a sign: "A 321", "Su-34", "+234" is kept, "n°5" is not
        if (i > 0 && tok.Is(WordFlags.GluedLeft) && prev.Kind == TokKind.Word) return true;
        if (i > 0 && tok.Is(WordFlags.GluedLeft) && prev.Lower is "-" or "/" && i > 1 && t[i - 2].Kind == TokKind.Word) return true;
        // clock times and ordinals: "15:59", "13H00", "20h", "1er", "3e"
        if (next.Kind == TokKind.Punct && next.Lower is ":" or "h" && next.Is(WordFlags.GluedLeft) && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(WordFlags.GluedLeft)) return true;
        if (next.Kind == TokKind.Word && next.Is(WordFlags.GluedLeft))
        {
            var n = next.Lower;
            if (fr.Is(n, "ordinal-suffix")) return true;
            if (fr.Is(n, "clock-suffix")) return true; // "7pm"
            if (n.StartsWith('h') && (n.Length > 1 && char.IsDigit(n[1]) || fr.Is(prev.Lower, "clock"))) return true;
            if (n is "h" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(WordFlags.GluedLeft)) return true;
        }
        if (i > 0 && prev.Lower == ":" && tok.Is(WordFlags.GluedLeft) && i > 1 && t[i - 2].Kind == TokKind.Number) return true;
        // dates: "30 septembre", "novembre 2015", years
        if (next.Kind == TokKind.Word && next.In(WordLists.Month)) return true;
        if (prev.Kind == TokKind.Word && prev.In(WordLists.Month)) return true;
        if (tok.Length == 4 && value is >= 1800 and <= 2100 && !a.TokSpan(i).Contains(' ')) return true;
        // "(1983-1987)": a span of years
        if (next.Lower == "-" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Length == 4) return true;
        // identifiers: "Europe 1", "épisode 5", "article 49"
        if (prev.Kind == TokKind.Word && (prev.IsCap && !prev.Is(WordFlags.SentenceInitial) || prev.In(WordLists.FigureIdentifier))) return true;
        // "n.1", "no.3": a short abbreviation glued to its number identifies
        if (prev.Lower == "." && tok.Is(WordFlags.GluedLeft) && prev.Is(WordFlags.GluedLeft) && i > 1 && t[i - 2].Kind == TokKind.Word && t[i - 2].Length <= 2) return true;
        // "épisodes 5 et 6": the second of two identifiers
        if (i >= 3 && (prev.Lower is "," || fr.Is(prev.Lower, "range")) && t[i - 2].Kind == TokKind.Number && t[i - 3].In(WordLists.FigureIdentifier)) return true;
        return false;
    }

    /// <summary>
    /// The time scope of a figure: the scope phrases of its sentence that follow it ("dont près de 900 au cours des
    /// dernières 24 heures"), else the last one before it; scope phrases in a row make one scope ("toutes compétitions
    /// confondues cette saison").
    /// </summary>
    private static string? Scope(ArticleAnalysis a, Dictionary<int, List<(int First, int Last, bool Whole)>> cache, int figFirst, int figLast)
    {
        var sentence = a.Toks[figFirst].Sentence;
        if (!cache.TryGetValue(sentence, out var scopes)) cache[sentence] = scopes = ScopesOf(a, sentence);
        int bestFirst = -1, bestLast = -1;
        for (var n = 0; n < scopes.Count; n++)
        {
            var (k, last, _) = scopes[n];
            if (k <= figLast && last >= figFirst) continue; // the figure's own words are no scope of it
            if (k > figLast)
            {
                bestFirst = k;
                bestLast = last;
                // a scope right after it continues it
                for (var m = n + 1; m < scopes.Count && scopes[m].First == bestLast + 1 && scopes[m].Whole; m++) bestLast = scopes[m].Last;
                break;
            }
            bestFirst = k;
            bestLast = last;
        }
        return bestFirst < 0 ? null : a.Span(bestFirst, bestLast);
    }

    /// <summary>The scope phrases of a sentence, in order, each with its extent.</summary>
    private static List<(int First, int Last, bool Whole)> ScopesOf(ArticleAnalysis a, int sentence)
    {
        var r = a.R;
        var fr = FigureResources.For(r.Language);
        var t = a.Toks;
        var start = a.SentenceStartTok(sentence);
        var end = a.SentenceEndTok(sentence);
        var scopes = new List<(int, int, bool)>();
        for (var k = start; k < end; k++)
        {
            var len = r.Scopes.MatchAt(t, k, out var kind, end);
            if (len == 0) continue;
            var last = k + len - 1;
            if (kind == "open")
            {
                var m = last + 1;
                while (m < end && m - k < 12 && !(t[m].Kind == TokKind.Punct && t[m].Lower is "," or "." or ";" or ":" or "!" or "?" or "(" or ")" or "\"" or "«" or "»")
                       && !t[m].In(WordLists.Auxiliary) && !(t[m].Classes == "v") && !(m > last + 1 && fr.Is(t[m].Lower, "scope-stop"))
                       // "depuis lundi dans la crue": a place after the time ends it ("de" builds the time: "depuis le début de la crue")
                       && !(m > last + 1 && t[m].In(WordLists.Preposition) && !fr.Is(t[m].Lower, "of") && !fr.Is(t[m].Lower, "complement")))
                    m++;
                last = m - 1;
                if (last < k + len) continue; // "depuis" alone says nothing
                // a scope must speak of time: a number, a time word or a date within it
                var timely = false;
                for (var x = k; x <= last && !timely; x++)
                    timely = t[x].Kind == TokKind.Number || r.NumberWords.ContainsKey(t[x].Lower) || r.Units.MatchAt(t, x, out var u) > 0 && u.Class == "duration"
                             || t[x].In(WordLists.Month) || fr.Weekdays.Contains(t[x].Lower)
                             || fr.Is(t[x].Lower, "scope-time");
                if (!timely) continue;
            }
            scopes.Add((k, last, kind != "open"));
            k = last;
        }
        return scopes;
    }
}
