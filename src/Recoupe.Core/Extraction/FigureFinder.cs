using System.Globalization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Numbers that count or measure something, in digits ("4 111", "3,5") or words ("huit", "une dizaine"), with
/// their scale, unit, what they count, qualifier, time scope and who claims them. Dates, years, clock times,
/// ordinals and numbers that identify ("Su-34", "Europe 1", "épisode 5") are not figures.
/// </summary>
public static class FigureFinder
{
    public static List<Figure> Run(ArticleAnalysis a)
    {
        var r = a.R;
        var t = a.Toks;
        var figures = new List<Figure>();
        var inDate = InDates(a);
        for (var i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            decimal value;
            string? qualifier = null;
            var last = i;
            if (tok.Kind == TokKind.Number)
            {
                if (!TryParseNumber(a.TokText(i), r.Language, out value)) continue;
                if (inDate[i] || IsNotAFigure(a, i, value)) continue;
            }
            else if (tok.Kind == TokKind.Word && WordValue(r, tok, out value, out var kind))
            {
                if (kind == "article")
                {
                    // "un million", "un seul": otherwise the indefinite article
                    if (!(i + 1 < t.Count && (r.NumberWords.TryGetValue(t[i + 1].Lower, out var nw) && nw.Kind is "scale" or "fraction" || t[i + 1].Lower is "seul" or "seule"))) continue;
                }
                if (kind == "approx")
                {
                    var det = i > 0 ? t[i - 1].Lower : "";
                    if (det is "des" or "plusieurs" or "quelques" or "de") qualifier = "vague";
                    else qualifier = "environ";
                }
                if (kind == "fraction" && !(i > 0 && t[i - 1].Lower is "un" or "une" or "la" or "les" or "trois" or "deux")) continue;
                if (kind is "scale" && !(i > 0 && t[i - 1].Lower is "un" or "une")) continue;
                if (i + 1 < t.Count && t[i + 1].Lower is "premiers" or "premières" or "premier" or "première") continue;
                if (kind is "unit" or "hundred" or "thousand" && i > 0 && t[i - 1].IsCap && !t[i - 1].Is(TokFlags.Initial)) continue;
                if (inDate[i]) continue;
                if (i + 1 < t.Count && t[i + 1].Info.Is(WordLists.Month)) continue;
                // "un quart", "une dizaine": the figure starts at the article
                if ((kind is "fraction" or "approx" or "scale") && i > 0 && t[i - 1].Lower is "un" or "une")
                {
                    if (kind == "scale") { /* "un million": value is the scale itself */ }
                }
            }
            else continue;

            var first = i;
            if (tok.Kind == TokKind.Word && i > 0 && t[i - 1].Lower is "un" or "une" && WordValue(r, tok, out _, out var k2) && k2 is "fraction" or "approx" or "scale")
                first = i - 1;
            // scale: "5,5 millions", "140 ou 150 millions"
            if (last + 1 < t.Count && r.NumberWords.TryGetValue(t[last + 1].Lower, out var scale) && scale.Kind is "scale" or "thousand" && t[last].Kind == TokKind.Number | tok.Kind == TokKind.Word && t[last].Lower != t[last + 1].Lower)
            {
                value *= scale.Value;
                last++;
            }
            else if (last + 3 < t.Count && t[last + 1].Lower is "ou" or "à" or "et" && t[last + 2].Kind == TokKind.Number && r.NumberWords.TryGetValue(t[last + 3].Lower, out var scale2) && scale2.Kind == "scale")
                value *= scale2.Value;

            // unit or counted noun; the first bound of a range ("de 300 à 700 euros", "entre 10,9 et 13,1 millions de
            // personnes", "140 ou 150 millions") counts what the second bound counts
            var k = last + 1;
            string? unit = null;
            string? counts = null;
            if (k + 1 < t.Count && t[k].Lower is "à" or "et" or "ou" or "-" or "–" && t[k + 1].Kind == TokKind.Number && !(k + 2 < t.Count && t[k + 2].Info.Is(WordLists.Month)))
            {
                k += 2;
                if (k < t.Count && t[k].Info.Number is { Kind: "scale" or "thousand" }) k++;
            }
            if (k < t.Count && t[k].Lower is "de" or "d'") k++;
            if (k < t.Count && t[k].Lower is "derniers" or "dernières" or "prochains" or "prochaines" or "premiers" or "premières") k++;
            var unitLen = r.Units.MatchAt(t, k, out var unitInfo);
            if (unitLen > 0 && !(unitInfo.Unit == "h" && k < t.Count && t[k].Is(TokFlags.GluedLeft) && k + 1 < t.Count && t[k + 1].Kind == TokKind.Number))
            {
                unit = unitInfo.Unit;
                counts = a.Span(k, k + unitLen - 1);
                var after = k + unitLen;
                // "millions d'euros de chiffre": keep the unit; "% des voix": what the share is of
                if (unitInfo.Class == "percent" && after + 1 < t.Count && t[after].Lower is "des" or "de" or "du" or "d'" && IsNoun(t[after + 1])) counts = a.Span(after + 1, after + 1);
            }
            else if (k < t.Count && t[k].Kind == TokKind.Word && !t[k].IsCap && IsNoun(t[k]) && !t[k].Info.Is(WordLists.Determiner) && !t[k].Info.Is(WordLists.Preposition))
            {
                var end = k;
                for (var m = k + 1; m < t.Count && m <= k + 2; m++)
                {
                    var cls = t[m].Classes;
                    if (t[m].Kind != TokKind.Word || t[m].IsCap || t[m].Info.Is(WordLists.Preposition) || t[m].Info.Is(WordLists.Determiner)) break;
                    if (!(cls.Contains('a') || t[m].Info.Is(WordLists.Nationality)) || cls == "v" || t[m].Info.Is(WordLists.Auxiliary) && !cls.Contains('a')) break;
                    if (cls.Contains('v') && !cls.Contains('a')) break;
                    end = m;
                }
                counts = a.Span(k, end);
            }
            else if (tok.Kind == TokKind.Word && qualifier is null && !(k < t.Count && t[k].Kind == TokKind.Punct && t[k].Lower == "%"))
            {
                // a number word with nothing counted is rarely a figure ("l'un des deux")
                if (tok.Kind == TokKind.Word) continue;
            }

            // qualifier before the number
            if (qualifier is null)
            {
                var ql = r.Qualifiers.MatchEndingAt(t, first - 1, out var q);
                if (ql > 0) qualifier = q;
            }

            var (claimer, claimerKey) = Claimer(a, t[i].Start, t[last].End, i);
            figures.Add(new Figure(t[first].Start, t[last].End, value)
            {
                Unit = unit,
                Counts = counts,
                Qualifier = qualifier,
                Scope = Scope(a, i),
                ClaimedBy = claimer,
                ClaimedByKey = claimerKey,
            });
            i = last;
        }
        return figures;
    }

    /// <summary>For each token, whether it lies within a date or time the dates stage found.</summary>
    private static bool[] InDates(ArticleAnalysis a)
    {
        var t = a.Toks;
        var inside = new bool[t.Count];
        var dates = a.Document.Dates.OrderBy(d => d.Start).ToList();
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

    private static bool WordValue(ExtractionResources r, Tok tok, out decimal value, out string kind)
    {
        if (tok.Info.Number is { } w) { value = w.Value; kind = w.Kind; return true; }
        value = 0;
        kind = "";
        var lower = tok.Lower;
        // compounds: "dix-huit", "vingt-trois", "quatre-vingt-dix"
        if (!lower.Contains('-')) return false;
        decimal total = 0, current = 0;
        foreach (var part in lower.Split('-'))
        {
            if (part == "et") continue;
            if (!r.NumberWords.TryGetValue(part, out var pw) || pw.Kind is "approx" or "fraction" or "article" && part is not ("un" or "une")) return false;
            if (pw.Kind == "hundred") current = (current == 0 ? 1 : current) * 100;
            else if (pw.Kind == "thousand") { total += (current == 0 ? 1 : current) * 1000; current = 0; }
            else if (part is "vingt" or "vingts" && current is > 0 and < 10) current *= 20;
            else current += pw.Value;
        }
        value = total + current;
        kind = "unit";
        return value > 0;
    }

    public static bool TryParseNumber(string s, string language, out decimal value)
    {
        var digits = new System.Text.StringBuilder(s.Length);
        var groups = s.Split('.');
        // "12.000" (French thousands with a dot) versus "3.5"
        var dotThousands = language == "fr" && groups.Length > 1 && groups.Skip(1).All(g => g.Length == 3) && !s.Contains(',');
        foreach (var c in s)
        {
            if (char.IsDigit(c)) digits.Append(c);
            else if (c == ',' && language != "en") digits.Append('.');
            else if (c == '.' && !dotThousands && language == "en") digits.Append('.');
            else if (c == '.' && !dotThousands) digits.Append('.');
        }
        return decimal.TryParse(digits.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsNotAFigure(ArticleAnalysis a, int i, decimal value)
    {
        var r = a.R;
        var t = a.Toks;
        var tok = t[i];
        var none = new Tok { Kind = TokKind.Punct, Lower = "" };
        var prev = i > 0 ? t[i - 1] : none;
        var next = i + 1 < t.Count ? t[i + 1] : none;
        // glued to a word or a sign: "A 321", "Su-34", "+234" is kept, "n°5" is not
        if (i > 0 && tok.Is(TokFlags.GluedLeft) && prev.Kind == TokKind.Word) return true;
        if (i > 0 && tok.Is(TokFlags.GluedLeft) && prev.Lower is "-" or "/" && i > 1 && t[i - 2].Kind == TokKind.Word) return true;
        // clock times and ordinals: "15:59", "13H00", "20h", "1er", "3e"
        if (next.Kind == TokKind.Punct && next.Lower is ":" or "h" && next.Is(TokFlags.GluedLeft) && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(TokFlags.GluedLeft)) return true;
        if (next.Kind == TokKind.Word && next.Is(TokFlags.GluedLeft))
        {
            var n = next.Lower;
            if (n is "er" or "ère" or "e" or "ème" or "eme" or "è" or "nd" or "nde" or "st" or "th" or "rd") return true;
            if (n.StartsWith('h') && (n.Length > 1 && char.IsDigit(n[1]) || prev.Lower is "à" or "vers" or "dès" or "avant" or "après" or "jusqu'à")) return true;
            if (n is "h" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(TokFlags.GluedLeft)) return true;
        }
        if (i > 0 && prev.Lower == ":" && tok.Is(TokFlags.GluedLeft) && i > 1 && t[i - 2].Kind == TokKind.Number) return true;
        // dates: "30 septembre", "novembre 2015", years
        if (next.Kind == TokKind.Word && next.Info.Is(WordLists.Month)) return true;
        if (prev.Kind == TokKind.Word && prev.Info.Is(WordLists.Month)) return true;
        var text = a.TokText(i);
        if (text.Length == 4 && value is >= 1800 and <= 2100 && !text.Contains(' ')) return true;
        // "(1983-1987)": a span of years
        if (next.Lower == "-" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && a.TokText(i + 2).Length == 4) return true;
        // identifiers: "Europe 1", "épisode 5", "article 49"
        if (prev.Kind == TokKind.Word && (prev.IsCap && !prev.Is(TokFlags.Initial) || prev.Info.Is(WordLists.FigureIdentifier))) return true;
        return false;
    }

    private static string? Scope(ArticleAnalysis a, int tokIndex)
    {
        var r = a.R;
        var t = a.Toks;
        var sentence = t[tokIndex].Sentence;
        var start = a.SentenceStartTok(sentence);
        var end = a.SentenceEndTok(sentence);
        for (var k = start; k < end; k++)
        {
            var len = r.Scopes.MatchAt(t, k, out var kind, end);
            if (len == 0) continue;
            var last = k + len - 1;
            if (kind == "open")
            {
                var m = last + 1;
                while (m < end && m - k < 12 && !(t[m].Kind == TokKind.Punct && t[m].Lower is "," or "." or ";" or ":" or "!" or "?" or "(" or "\"" or "«" or "»")
                       && !t[m].Info.Is(WordLists.Auxiliary) && !(t[m].Classes == "v"))
                    m++;
                last = m - 1;
                if (last < k + len) continue; // "depuis" alone says nothing
                // a scope must speak of time: a number, a time word or a date within it
                var timely = false;
                for (var x = k; x <= last && !timely; x++)
                    timely = t[x].Kind == TokKind.Number || r.NumberWords.ContainsKey(t[x].Lower) || r.Units.MatchAt(t, x, out var u) > 0 && u.Class == "duration"
                             || t[x].Info.Is(WordLists.Month) || t[x].Lower is "début" or "fin" or "lancement" or "campagne" or "opération" or "année" or "mois" or "semaine" or "jours" or "derniers" or "dernières";
                if (!timely) continue;
            }
            return a.Span(k, last);
        }
        return null;
    }

    private static (string? Name, string? Key) Claimer(ArticleAnalysis a, int start, int end, int tokIndex)
    {
        // the speaker of the quotation (direct, partial or indirect) that holds the figure, innermost first
        Quotation? best = null;
        foreach (var q in a.Document.Quotes)
            if (q.Start <= start && end <= q.End && q.SpeakerName is not null && (best is null || q.End - q.Start < best.End - best.Start))
                best = q;
        if (best is not null) return (best.SpeakerName, best.SpeakerKey);
        // "selon X" / "d'après X" in the same sentence
        var r = a.R;
        var t = a.Toks;
        var e = a.Entities!;
        var sentence = t[tokIndex].Sentence;
        var s0 = a.SentenceStartTok(sentence);
        var s1 = a.SentenceEndTok(sentence);
        (string?, string?) cited = (null, null);
        for (var k = s0; k < s1; k++)
        {
            var len = r.ClaimCues.MatchAt(t, k, out var kind, s1);
            if (len == 0 || kind is not ("according" or "cited")) continue;
            for (var m = k + len; m < s1 && m < k + len + 8; m++)
            {
                if (e.At(m) is { } mention && mention.Type != EntityType.Place)
                {
                    var name = mention.Entity?.Name ?? mention.Text;
                    if (kind == "according") return (name, mention.Entity?.Key);
                    cited = cited.Item1 is null ? (name, mention.Entity?.Key) : cited;
                    break;
                }
                if (t[m].Kind == TokKind.Punct) break;
            }
        }
        return cited;
    }
}
