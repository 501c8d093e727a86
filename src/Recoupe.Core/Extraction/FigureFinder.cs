using System.Globalization;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Numbers that count or measure something, in digits ("4 111", "3,5") or words ("huit", "une dizaine"), with
/// their scale, unit, what they count, qualifier, time scope and who claims them. Dates, years, clock times,
/// ordinals and numbers that identify ("Su-34", "Europe 1", "épisode 5") are not figures.
/// </summary>
public static class FigureFinder
{
    /// <summary>A figure as found, before what it counts is completed from its neighbours and its claimer found.</summary>
    private sealed class Draft
    {
        public int Tok;
        public int First;
        public int Last;
        public decimal Value;
        public string? Unit;
        public string? Counts;
        public string? Qualifier;
        /// <summary>A number written in another unit between brackets after a figure ("($16.3 million)"): the reporter's.</summary>
        public bool Conversion;
        /// <summary>The whole a share is taken of ("60 % des 540 pilotes"): a known base, not what the source claims.</summary>
        public bool BaseOfShare;
        /// <summary>Between brackets right after another figure ("2 827 cas (+234 en 24 heures)"): that figure's source.</summary>
        public Draft? BracketOf;
        /// <summary>Who claims it, once the claim search has run for it (<see cref="Claimed"/>).</summary>
        public (string? Name, string? Key) Claim;
        public bool Claimed;
    }

    public static List<Figure> Run(ArticleAnalysis a)
    {
        var r = a.R;
        var fr = FigureResources.For(r.Language);
        var t = a.Toks;
        var drafts = new List<Draft>();
        var inDate = InDates(a);
        for (var i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            decimal value;
            string? qualifier = null;
            var last = i;
            var first = i;
            string? unit = null;
            string? counts = null;
            var lone = false; // a number word that needs a reason to be a figure when nothing follows it
            var dash = -1;
            if (tok.Kind == TokKind.Number)
            {
                if (!TryParseNumber(a.TokSpan(i), r.Language, out value)) continue;
                if (inDate[i] || IsNotAFigure(a, fr, i, value)) continue;
                // "$16.3 million", "£38million": the currency sign before the number
                if (i > 0 && t[i - 1].Kind == TokKind.Punct && r.Units.MatchAt(t, i - 1, out var sign) == 1 && sign.Class == "money")
                {
                    unit = sign.Unit;
                    first = i - 1;
                }
            }
            else if (tok.Kind != TokKind.Word) continue;
            else if ((dash = tok.Is(TokFlags.Hyphenated) ? HyphenIn(tok.Lower) : -1) > 0 && (char.IsDigit(tok.Lower[0]) || fr.IsNumberWord(tok.Lower.AsSpan(0, dash)))
                     && CompoundWithUnit(a, fr, i, out value, out var compoundUnit, out var unitWord))
            {
                // "four-day strike", "22-year-old"
                if (inDate[i]) continue;
                figuresAdd(drafts, i, i, i, value, compoundUnit.Unit, unitWord, null);
                continue;
            }
            else if (WordValue(r, in tok, dash >= 0, out value, out var kind))
            {
                if (kind == "article")
                {
                    if (i + 1 >= t.Count) continue;
                    var next = t[i + 1];
                    // "un quart": the fraction makes the figure; "un million", "un seul": the article counts
                    if (next.Number is { Kind: "fraction" }) continue;
                    var counted = next.Number is { Kind: "scale" } || next.Lower is "seul" or "seule";
                    // "plus d'une heure", "un mètre cinquante": one of a unit, when a qualifier or a second number says so
                    if (!counted && r.Units.MatchAt(t, i + 1, out var oneUnit) is var ul and > 0 && oneUnit.Class is "duration" or "distance" or "weight"
                        && (r.Qualifiers.MatchEndingAt(t, i - 1, out _) > 0 || i + 1 + ul < t.Count && t[i + 1 + ul].Number is { Kind: "unit" }))
                        counted = true;
                    if (!counted) continue;
                }
                if (kind == "approx")
                {
                    var det = i > 0 ? t[i - 1].Lower : "";
                    if (fr.Is(det, "indefinite")) qualifier = "environ";
                    else if (det is "des" or "plusieurs" or "quelques" or "de" or "d'" || tok.Lower.EndsWith('s')) qualifier = "vague";
                    else continue; // "mis en quarantaine"
                }
                if (kind == "fraction" && !(i > 0 && (t[i - 1].Lower is "la" or "les" or "trois" or "deux" || fr.Is(t[i - 1].Lower, "indefinite") || t[i - 1].Number is { Kind: "article" }))) continue;
                // a fraction is a share of a quantity ("la moitié des habitants", "un quart d'heure", "seuls un quart
                // sont gardés"); one a noun or an adjective follows names a part of a whole ("la moitié occidentale du
                // pays"), no figure
                if (kind == "fraction" && i + 1 < t.Count && t[i + 1].Kind == TokKind.Word && (t[i + 1].Classes.Contains('a') || t[i + 1].Classes.Contains('n'))
                    && !t[i + 1].Classes.Contains('v') && !t[i + 1].In(WordLists.Auxiliary) && !fr.Is(t[i + 1].Lower, "fraction-of")
                    && t[i + 1].Number is null && r.Units.MatchAt(t, i + 1, out _) == 0) continue;
                if (kind is "scale" && !(i > 0 && (fr.Is(t[i - 1].Lower, "indefinite") || t[i - 1].Number is { Kind: "article" }))) continue;
                if (i + 1 < t.Count && t[i + 1].Lower is "premiers" or "premières" or "premier" or "première") continue;
                // a capitalised word before a number word makes a name ("Les Quatre Cents Coups"), except in a headline in capitals
                if (kind is "unit" or "hundred" or "thousand" && i > 0 && t[i - 1].IsCap && !t[i - 1].Is(TokFlags.Initial) && !tok.Is(TokFlags.AllCaps)) continue;
                if (inDate[i]) continue;
                if (i + 1 < t.Count && t[i + 1].In(WordLists.Month)) continue;
                if ((kind is "fraction" or "approx" or "scale") && i > 0 && (fr.Is(t[i - 1].Lower, "indefinite") || t[i - 1].Number is { Kind: "article" }))
                    first = i - 1;
                lone = kind is "unit" or "hundred" or "thousand";
                // "un tram sur trois", "one in ten": one of so many
                if (kind == "unit" && i >= 2 && fr.Is(t[i - 1].Lower, "ratio") && value > 1
                    && !(i + 1 < t.Count && (r.Units.MatchAt(t, i + 1, out _) > 0 || t[i + 1].Kind == TokKind.Word && t[i + 1].Classes.Contains('n') && !t[i + 1].Classes.Contains('v'))))
                {
                    var one = t[i - 2].Number is { Value: 1 } ? i - 2 : i >= 3 && t[i - 3].Number is { Value: 1 } && IsNoun(t[i - 2]) ? i - 3 : -1;
                    if (one >= 0)
                    {
                        var ratioCounts = one == i - 3 ? a.Span(i - 2, i - 2) : null;
                        if (ratioCounts is null && i + 1 < t.Count && t[i + 1].Kind == TokKind.Word && IsNoun(t[i + 1]) && !t[i + 1].In(WordLists.Preposition))
                            ratioCounts = a.Span(i + 1, i + 1);
                        figuresAdd(drafts, i, one, i, Math.Round(1m / value, 4), null, ratioCounts, null);
                        continue;
                    }
                }
            }
            else continue;

            // scale: "5,5 millions", "140 ou 150 millions"
            if (last + 1 < t.Count && r.NumberWords.TryGetValue(t[last + 1].Lower, out var scale) && scale.Kind is "scale" or "thousand" && t[last].Kind == TokKind.Number | tok.Kind == TokKind.Word && t[last].Lower != t[last + 1].Lower)
            {
                value *= scale.Value;
                last++;
            }
            else if (last + 3 < t.Count && t[last + 1].Lower is "ou" or "à" or "et" or "or" or "to" or "and" && t[last + 2].Kind == TokKind.Number && r.NumberWords.TryGetValue(t[last + 3].Lower, out var scale2) && scale2.Kind == "scale")
                value *= scale2.Value;

            // unit or counted noun; the first bound of a range ("de 300 à 700 euros", "entre 10,9 et 13,1 millions de
            // personnes", "140 ou 150 millions") counts what the second bound counts
            var k = last + 1;
            if (k + 1 < t.Count && t[k].Lower is "à" or "et" or "ou" or "-" or "–" or "to" or "and" && (t[k + 1].Kind == TokKind.Number || t[k + 1].Number is { Kind: "unit" }) && !(k + 2 < t.Count && t[k + 2].In(WordLists.Month)))
            {
                k += 2;
                if (k < t.Count && t[k].Number is { Kind: "scale" or "thousand" }) k++;
            }
            // "22-year-old", "a 10-km race": the unit glued by a hyphen
            if (unit is null && k + 1 < t.Count && t[k].Lower == "-" && t[k].Is(TokFlags.GluedLeft) && t[k + 1].Is(TokFlags.GluedLeft) && t[k + 1].Kind == TokKind.Word
                && fr.UnitWords.TryGetValue(t[k + 1].Lower.Split('-')[0], out var hyphenUnit) && hyphenUnit.Class is "duration" or "distance" or "weight")
            {
                if (inDate[i]) continue;
                figuresAdd(drafts, i, first, last, value, hyphenUnit.Unit, t[k + 1].Lower.Split('-')[0], r.Qualifiers.MatchEndingAt(t, first - 1, out var hq) > 0 ? hq : null);
                i = k + 1;
                continue;
            }
            if (k < t.Count && t[k].Lower is "de" or "d'" or "of") k++;
            // "180 de ses 430 vols", "180 of its 430 flights": what the second number counts
            if (k + 2 < t.Count && k > last + 1 && (t[k].In(WordLists.Determiner) || t[k].Lower is "its" or "their" or "the") && t[k + 1].Kind == TokKind.Number) k += 2;
            while (k < t.Count && t[k].Kind == TokKind.Word && fr.Is(t[k].Lower, "adjective")) k++;
            // "430 scheduled flights": a modifier before the noun
            if (k + 1 < t.Count && t[k].Kind == TokKind.Word && !t[k].IsCap && ((t[k].Classes.Contains('a') || t[k].Classes.Contains('v')) && !t[k].Classes.Contains('n') || fr.LooksLikeModifier(t[k]))
                && !t[k].In(WordLists.Auxiliary) && !t[k].In(WordLists.Preposition) && !t[k].In(WordLists.Determiner)
                && t[k + 1].Kind == TokKind.Word && !t[k + 1].IsCap && IsNoun(t[k + 1]) && !t[k + 1].Classes.Contains('v') && !t[k + 1].In(WordLists.Preposition) && !t[k + 1].In(WordLists.Determiner)
                && r.Units.MatchAt(t, k, out _) == 0)
                k++;
            UnitInfo unitInfo = null!;
            var unitLen = unit is null ? r.Units.MatchAt(t, k, out unitInfo) : 0;
            var nounEnd = -1;
            if (unitLen > 0 && !(unitInfo.Unit == "h" && k < t.Count && t[k].Is(TokFlags.GluedLeft) && k + 1 < t.Count && t[k + 1].Kind == TokKind.Number))
            {
                unit = unitInfo.Unit;
                counts = a.Span(k, k + unitLen - 1);
                var after = k + unitLen;
                if (unitInfo.Class == "percent")
                {
                    // "% des voix", "% des 540 pilotes": what the share is of; "a 6.5% pay rise": what the percentage measures
                    var of = after;
                    if (of + 1 < t.Count && t[of].Lower is "des" or "de" or "du" or "d'" or "of")
                    {
                        of++;
                        if (of < t.Count && (t[of].Lower is "the" || t[of].In(WordLists.Determiner))) of++;
                        if (of < t.Count && t[of].Kind == TokKind.Number) of++;
                        if (of < t.Count && IsNoun(t[of]) && t[of].Kind == TokKind.Word) counts = a.Span(of, of);
                    }
                    else if (of < t.Count && t[of].Kind == TokKind.Word && !t[of].IsCap && IsNoun(t[of]) && !t[of].In(WordLists.Preposition) && !t[of].In(WordLists.Determiner))
                        counts = a.Span(of, of + 1 < t.Count && t[of + 1].Kind == TokKind.Word && IsNoun(t[of + 1]) && !t[of + 1].In(WordLists.Preposition) && !t[of + 1].In(WordLists.Determiner) ? of + 1 : of);
                    // "une hausse de 6,5 %": the noun the share belongs to
                    if (first >= 3 && fr.Is(t[first - 1].Lower, "of") && t[first - 2].Kind == TokKind.Word && !t[first - 2].IsCap && IsNoun(t[first - 2]) && t[first - 3].In(WordLists.Determiner)
                        && r.Qualifiers.MatchEndingAt(t, first - 1, out _) == 0)
                        counts = a.Span(first - 2, first - 2) + (counts is "%" or null ? "" : " " + counts);
                }
                else if (unitInfo.Unit == "m" && after < t.Count && (t[after].Number is { Kind: "unit", Value: < 100 } || t[after].Kind == TokKind.Number && !t[after].Is(TokFlags.GluedLeft)
                             && TryParseNumber(a.TokSpan(after), r.Language, out var cm) && cm < 100 && !(after + 1 < t.Count && (IsNoun(t[after + 1]) || r.Units.MatchAt(t, after + 1, out _) > 0))))
                {
                    // "un mètre cinquante", "1 m 80": metres and centimetres
                    var centimetres = t[after].Number?.Value ?? (TryParseNumber(a.TokSpan(after), r.Language, out var c2) ? c2 : 0);
                    value += centimetres / 100m;
                    last = after;
                }
                nounEnd = k + unitLen - 1;
            }
            else if (unit is null && k < t.Count && t[k].Kind == TokKind.Word && IsNoun(t[k]) && !t[k].In(WordLists.Determiner) && !t[k].In(WordLists.Preposition) && !fr.Weekdays.Contains(t[k].Lower)
                     && (!t[k].IsCap || CapitalisedModifier(t, k) || tok.Is(TokFlags.AllCaps) && t[k].Is(TokFlags.AllCaps)))
            {
                // "200 Aldmere fishermen": a capitalised word qualifies the noun after it
                var head = t[k].IsCap && !t[k].Is(TokFlags.AllCaps) ? k + 1 : k;
                var end = head;
                for (var m = head + 1; m < t.Count && m <= head + 2; m++)
                {
                    var cls = t[m].Classes;
                    if (t[m].Kind != TokKind.Word || t[m].IsCap && !t[m].Is(TokFlags.AllCaps) || t[m].In(WordLists.Preposition) || t[m].In(WordLists.Determiner)) break;
                    if (!(cls.Contains('a') || t[m].In(WordLists.Nationality)) || cls == "v" || t[m].In(WordLists.Auxiliary) && !cls.Contains('a')) break;
                    if (cls.Contains('v') && !cls.Contains('a')) break;
                    // "avions militaires chargés de matériel": a participle with its own complement says what is done
                    // with the counted thing, not which kind it is
                    if (cls.Contains('p') && m + 1 < t.Count && t[m + 1].In(WordLists.Preposition)) break;
                    end = m;
                }
                // "562 centres de commandement", "64 centres d'entraînement": a complement without determiner says which kind
                if (end + 2 < t.Count && fr.Is(t[end + 1].Lower, "of") && t[end + 2].Kind == TokKind.Word && !t[end + 2].IsCap && IsNoun(t[end + 2])
                    && !t[end + 2].Classes.Contains('v') && !t[end + 2].In(WordLists.Determiner) && !t[end + 2].In(WordLists.Preposition)
                    && t[end + 2].Number is null && r.Units.MatchAt(t, end + 2, out _) == 0)
                    end += 2;
                counts = a.Span(head, end);
                nounEnd = end;
            }
            else if (unit is null && tok.Kind == TokKind.Number && value is >= 1 and <= 120 && first >= 2 && t[first - 1].Lower is "," or "(" && k < t.Count && t[k].Lower is "," or ")"
                     && a.Entities?.At(first - 2) is { Type: EntityType.Person } && fr.WithRole("age").FirstOrDefault() is { } ageWord && fr.UnitWords.TryGetValue(ageWord, out var ageUnit))
            {
                // "Duncan McAllister, 54, who…": an age
                unit = ageUnit.Unit;
                counts = ageWord;
            }
            else if (unit is null && lone && qualifier is null && !(k < t.Count && t[k].Kind == TokKind.Punct && t[k].Lower == "%"))
            {
                // a number word with nothing counted is rarely a figure ("l'un des deux"), unless it stands for what
                // was just counted: "dont quatre signés…", "Quatre ont déjà eu lieu"
                var linked = first > 0 && fr.Is(t[first - 1].Lower, "link");
                var subject = k < t.Count && t[k].Kind == TokKind.Word && t[k].In(WordLists.Auxiliary) && (first == a.SentenceStartTok(t[first].Sentence) || linked);
                if (!linked && !subject) continue;
            }
            if (unit is null && counts is not null && k < t.Count && fr.Predicates.TryGetValue(t[k].Lower, out var named))
                counts = named; // "12 morts", "the toll"

            // what is said of the counted thing names it: "sept personnes sont mortes" → morts, "ont été évacuées"
            if (unit is null)
            {
                var from = nounEnd >= 0 ? nounEnd + 1 : last + 1;
                if (Predicate(a, fr, from) is { } predicate)
                {
                    if (fr.Predicates.TryGetValue(predicate.Word, out var canonical)) counts = canonical;
                    // "personnes évacuées", not "administrations expliqué": what a count says is no kind of it
                    else if (counts is not null && predicate.AfterAuxiliary && t[predicate.Tok].Speech is null) counts += " " + a.Span(predicate.Tok, predicate.Tok);
                }
                // "Les corps de cinq personnes ont été retrouvés": the noun that opens the clause is what is counted
                if (counts is not null && first >= 3 && fr.Is(t[first - 1].Lower, "of") && t[first - 2].Kind == TokKind.Word && !t[first - 2].IsCap && IsNoun(t[first - 2])
                    && t[first - 2].Lower.EndsWith('s') && t[first - 3].In(WordLists.Determiner)
                    && (first - 3 == a.SentenceStartTok(t[first].Sentence) || t[first - 4].Lower == ","))
                    counts = a.Span(first - 2, first - 2) + (Predicate(a, fr, nounEnd + 1) is { AfterAuxiliary: true } p2 && !fr.Predicates.ContainsKey(p2.Word) ? " " + a.Span(p2.Tok, p2.Tok) : "");
            }

            // clock times: "à 20 heures", "il était 22 heures, lundi", "de 8 heures à 20 heures"
            if (unit == "h" && value <= 24 && IsClockTime(a, fr, first, nounEnd)) continue;

            // qualifier before the number
            if (qualifier is null)
            {
                var ql = r.Qualifiers.MatchEndingAt(t, first - 1, out var q);
                if (ql > 0) qualifier = q;
            }
            var draft = figuresAdd(drafts, i, first, last, value, unit, counts, qualifier);
            // "15 million euros ($16.3 million)": a conversion between brackets right after another figure
            for (var b = first - 1; b >= 0 && b >= first - 5; b--)
            {
                if (t[b].Lower == "%") { draft.BaseOfShare = b < first - 1 && (fr.Is(t[b + 1].Lower, "of") || t[b + 1].Lower is "des" or "du"); break; }
                if (t[b].Kind == TokKind.Number || t[b].Lower is "," or "." or ";" || t[b].Speech is not null || t[b].Classes == "v") break;
            }
            var open = first - 1;
            while (open > 0 && open >= first - 8 && t[open].Lower is not ("(" or ")" or "." or ";")) open--;
            var before = open >= 0 && t[open].Lower == "(" && drafts.Count > 1 ? LastEndingBefore(drafts, open) : null;
            if (before is not null)
            {
                var end = before.Last;
                // what the figure before counts may stand between it and the bracket ("2.827cas confirmés (+234")
                while (end + 1 < open && t[end + 1].Kind == TokKind.Word) end++;
                if (end + 1 == open)
                {
                    draft.BracketOf = before.BracketOf ?? before;
                    draft.Conversion = before.Unit is not null && draft.Unit is not null && draft.Unit != before.Unit;
                }
            }
            i = last;
        }

        CompleteCounts(a, fr, drafts);
        var figures = new List<Figure>(drafts.Count);
        if (drafts.Count == 0) return figures;
        var claimers = new ClaimFinder(a, fr);
        var scopeCache = new Dictionary<int, List<(int First, int Last, bool Whole)>>();
        foreach (var d in drafts)
        {
            var (claimer, claimerKey) = d.Conversion || d.BaseOfShare ? (null, null)
                : d.BracketOf is { Claimed: true } outer ? outer.Claim
                : claimers.For(t[d.Tok].Start, t[d.Last].End, d.Tok);
            d.Claim = (claimer, claimerKey);
            d.Claimed = true;
            figures.Add(new Figure(t[d.First].Start, t[d.Last].End, d.Value)
            {
                Unit = d.Unit,
                Counts = d.Counts,
                Qualifier = d.Qualifier,
                Scope = Scope(a, scopeCache, d.First, d.Last),
                ClaimedBy = claimer,
                ClaimedByKey = claimerKey,
            });
        }
        return figures;
    }

    /// <summary>Where the first hyphen of a word is, or -1 (words are short: a plain loop costs less than a vectorised search's set-up).</summary>
    private static int HyphenIn(string word)
    {
        for (var k = 0; k < word.Length; k++)
            if (word[k] == '-') return k;
        return -1;
    }

    /// <summary>The last draft that ends before token <paramref name="tok"/> (a loop, not a lambda: its closure would be made for every token).</summary>
    private static Draft? LastEndingBefore(List<Draft> drafts, int tok)
    {
        for (var n = drafts.Count - 1; n >= 0; n--)
            if (drafts[n].Last < tok) return drafts[n];
        return null;
    }

    private static Draft figuresAdd(List<Draft> drafts, int tok, int first, int last, decimal value, string? unit, string? counts, string? qualifier)
    {
        var d = new Draft { Tok = tok, First = first, Last = last, Value = value, Unit = unit, Counts = counts, Qualifier = qualifier };
        drafts.Add(d);
        return d;
    }

    /// <summary>"200 Aldmere fishermen": a capitalised word (not opening the sentence) then a lower-case noun.</summary>
    private static bool CapitalisedModifier(List<Tok> t, int k) =>
        !t[k].Is(TokFlags.Initial) && k + 1 < t.Count && t[k + 1].Kind == TokKind.Word && !t[k + 1].IsCap && IsNoun(t[k + 1]) && !t[k + 1].Classes.Contains('v')
        && !t[k + 1].In(WordLists.Preposition) && !t[k + 1].In(WordLists.Determiner);

    /// <summary>"four-day", "22-year-old": a number and a unit in one hyphenated word.</summary>
    private static bool CompoundWithUnit(ArticleAnalysis a, FigureResources fr, int i, out decimal value, out UnitInfo unit, out string unitWord)
    {
        value = 0;
        unit = null!;
        unitWord = "";
        var parts = a.TokText(i).Split('-');
        if (parts.Length < 2) return false;
        var number = TextFolding.Lower(parts[0]);
        if (!(a.R.NumberWords.TryGetValue(number, out var w) && w.Kind == "unit" && (value = w.Value) > 0
              || number.Length > 0 && char.IsDigit(number[0]) && TryParseNumber(number, a.R.Language, out value)))
            return false;
        if (!fr.UnitWords.TryGetValue(TextFolding.Lower(parts[1]), out var u) || u.Class is not ("duration" or "distance" or "weight")) return false;
        unit = u;
        unitWord = parts[1];
        return true;
    }

    /// <summary>A verb or participle said of what a number counts, after auxiliaries and adverbs ("sont mortes", "have died").</summary>
    private static (int Tok, string Word, bool AfterAuxiliary)? Predicate(ArticleAnalysis a, FigureResources fr, int from)
    {
        var t = a.Toks;
        var auxiliary = false;
        for (var k = from; k < t.Count && k < from + 5; k++)
        {
            var tok = t[k];
            if (tok.Kind != TokKind.Word) return null;
            if (tok.In(WordLists.Auxiliary) || tok.Lower is "été" or "been" or "being") { auxiliary = true; continue; }
            if (tok.In(WordLists.Filler) || tok.Classes == "d") continue;
            if (fr.Predicates.ContainsKey(tok.Lower)) return (k, tok.Lower, auxiliary);
            if (auxiliary && (tok.Classes.Contains('v') || tok.Classes.Contains('a') || fr.LooksLikeModifier(tok)) && !tok.In(WordLists.Preposition) && !tok.In(WordLists.Determiner) && !tok.Classes.Contains('n'))
                return (k, tok.Lower, true);
            return null;
        }
        return null;
    }

    /// <summary>"à 20 heures", "il était 22 heures, lundi", "de 8 heures à 20 heures": a time of day, not a duration.</summary>
    private static bool IsClockTime(ArticleAnalysis a, FigureResources fr, int first, int unitEnd)
    {
        var t = a.Toks;
        var before = first - 1;
        if (before >= 0 && fr.Is(t[before].Lower, "clock")) return true;
        // before a qualifier: "il était un peu plus de 22 heures"
        var ql = a.R.Qualifiers.MatchEndingAt(t, before, out _);
        if (ql > 0 && before - ql >= 0 && fr.Is(t[before - ql].Lower, "clock")) return true;
        if (unitEnd < 0) return false;
        var k = unitEnd + 1;
        if (k < t.Count && t[k].Lower == ",") k++;
        if (k < t.Count && fr.Weekdays.Contains(t[k].Lower)) return true;
        // "de 8 heures à 20 heures"
        return unitEnd + 2 < t.Count && fr.Is(t[unitEnd + 1].Lower, "clock") && t[unitEnd + 2].Kind == TokKind.Number;
    }

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
                if (m < s1 && (t[m].Lower is "de" or "d'" or "des" or "du" || fr.Is(t[m].Lower, "of"))) m++;
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
    private static bool WordValue(ExtractionResources r, in Tok tok, bool hyphenated, out decimal value, out string kind)
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
            if (part is "et") continue;
            if (r.NumberWordOf(part) is not { } pw || pw.Kind is "approx" or "fraction" or "article" && part is not ("un" or "une")) return false;
            if (pw.Kind == "hundred") current = (current == 0 ? 1 : current) * 100;
            else if (pw.Kind == "thousand") { total += (current == 0 ? 1 : current) * 1000; current = 0; }
            else if (part is "vingt" or "vingts" && current is > 0 and < 10) current *= 20;
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
        if (i > 0 && tok.Is(TokFlags.GluedLeft) && prev.Kind == TokKind.Word) return true;
        if (i > 0 && tok.Is(TokFlags.GluedLeft) && prev.Lower is "-" or "/" && i > 1 && t[i - 2].Kind == TokKind.Word) return true;
        // clock times and ordinals: "15:59", "13H00", "20h", "1er", "3e"
        if (next.Kind == TokKind.Punct && next.Lower is ":" or "h" && next.Is(TokFlags.GluedLeft) && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(TokFlags.GluedLeft)) return true;
        if (next.Kind == TokKind.Word && next.Is(TokFlags.GluedLeft))
        {
            var n = next.Lower;
            if (n is "er" or "ère" or "e" or "ème" or "eme" or "è" or "nd" or "nde" or "st" or "th" or "rd") return true;
            if (fr.Is(n, "clock-suffix")) return true; // "7pm"
            if (n.StartsWith('h') && (n.Length > 1 && char.IsDigit(n[1]) || prev.Lower is "à" or "vers" or "dès" or "avant" or "après" or "jusqu'à")) return true;
            if (n is "h" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Is(TokFlags.GluedLeft)) return true;
        }
        if (i > 0 && prev.Lower == ":" && tok.Is(TokFlags.GluedLeft) && i > 1 && t[i - 2].Kind == TokKind.Number) return true;
        // dates: "30 septembre", "novembre 2015", years
        if (next.Kind == TokKind.Word && next.In(WordLists.Month)) return true;
        if (prev.Kind == TokKind.Word && prev.In(WordLists.Month)) return true;
        if (tok.Length == 4 && value is >= 1800 and <= 2100 && !a.TokSpan(i).Contains(' ')) return true;
        // "(1983-1987)": a span of years
        if (next.Lower == "-" && i + 2 < t.Count && t[i + 2].Kind == TokKind.Number && t[i + 2].Length == 4) return true;
        // identifiers: "Europe 1", "épisode 5", "article 49"
        if (prev.Kind == TokKind.Word && (prev.IsCap && !prev.Is(TokFlags.Initial) || prev.In(WordLists.FigureIdentifier))) return true;
        // "n.1", "no.3": a short abbreviation glued to its number identifies
        if (prev.Lower == "." && tok.Is(TokFlags.GluedLeft) && prev.Is(TokFlags.GluedLeft) && i > 1 && t[i - 2].Kind == TokKind.Word && t[i - 2].Length <= 2) return true;
        // "épisodes 5 et 6": the second of two identifiers
        if (i >= 3 && prev.Lower is "et" or "and" or "à" or "," && t[i - 2].Kind == TokKind.Number && t[i - 3].In(WordLists.FigureIdentifier)) return true;
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
                       && !(m > last + 1 && t[m].In(WordLists.Preposition) && !fr.Is(t[m].Lower, "of") && t[m].Lower is not ("du" or "des")))
                    m++;
                last = m - 1;
                if (last < k + len) continue; // "depuis" alone says nothing
                // a scope must speak of time: a number, a time word or a date within it
                var timely = false;
                for (var x = k; x <= last && !timely; x++)
                    timely = t[x].Kind == TokKind.Number || r.NumberWords.ContainsKey(t[x].Lower) || r.Units.MatchAt(t, x, out var u) > 0 && u.Class == "duration"
                             || t[x].In(WordLists.Month) || fr.Weekdays.Contains(t[x].Lower)
                             || t[x].Lower is "début" or "fin" or "lancement" or "campagne" or "opération" or "année" or "mois" or "semaine" or "jours" or "derniers" or "dernières";
                if (!timely) continue;
            }
            scopes.Add((k, last, kind != "open"));
            k = last;
        }
        return scopes;
    }
}
