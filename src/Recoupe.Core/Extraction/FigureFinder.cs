using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Numbers that count or measure something, in digits ("4 111", "3,5") or words ("huit", "une dizaine"), with
/// their scale, unit, what they count, qualifier, time scope and who claims them. Dates, years, clock times,
/// ordinals and numbers that identify ("Su-34", "Europe 1", "épisode 5") are not figures.
/// </summary>
public static partial class FigureFinder
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
            else if ((dash = tok.Hyphenated ? HyphenIn(tok.Lower) : -1) > 0 && (char.IsDigit(tok.Lower[0]) || fr.IsNumberWord(tok.Lower.AsSpan(0, dash)))
                     && CompoundWithUnit(a, fr, i, out value, out var compoundUnit, out var unitWord))
            {
                // "four-day strike", "22-year-old"
                if (inDate[i]) continue;
                figuresAdd(drafts, i, i, i, value, compoundUnit.Unit, unitWord, null);
                continue;
            }
            else if (WordValue(r, fr, in tok, dash >= 0, out value, out var kind))
            {
                if (kind == "article")
                {
                    if (i + 1 >= t.Count) continue;
                    var next = t[i + 1];
                    // "un quart": the fraction makes the figure; "un million", "un seul": the article counts
                    if (next.Number is { Kind: "fraction" }) continue;
                    var counted = next.Number is { Kind: "scale" } || fr.Is(next.Lower, "stressed-one");
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
                    else if (fr.Is(det, "vague-determiner") || tok.Lower.EndsWith('s')) qualifier = "vague";
                    else continue; // "mis en quarantaine"
                }
                if (kind == "fraction" && !(i > 0 && (fr.Is(t[i - 1].Lower, "fraction-determiner") || fr.Is(t[i - 1].Lower, "indefinite") || t[i - 1].Number is { Kind: "article" }))) continue;
                // a fraction is a share of a quantity ("la moitié des habitants", "un quart d'heure", "seuls un quart
                // sont gardés"); one a noun or an adjective follows names a part of a whole ("la moitié occidentale du
                // pays"), no figure
                if (kind == "fraction" && i + 1 < t.Count && t[i + 1].Kind == TokKind.Word && (t[i + 1].Classes.Contains('a') || t[i + 1].Classes.Contains('n'))
                    && !t[i + 1].Classes.Contains('v') && !t[i + 1].In(WordLists.Auxiliary) && !fr.Is(t[i + 1].Lower, "fraction-of")
                    && t[i + 1].Number is null && r.Units.MatchAt(t, i + 1, out _) == 0) continue;
                if (kind is "scale" && !(i > 0 && (fr.Is(t[i - 1].Lower, "indefinite") || t[i - 1].Number is { Kind: "article" }))) continue;
                if (i + 1 < t.Count && fr.Is(t[i + 1].Lower, "first")) continue; // "les trois premiers": a rank
                // a capitalised word before a number word makes a name ("Les Quatre Cents Coups"), except in a headline in capitals
                if (kind is "unit" or "hundred" or "thousand" && i > 0 && t[i - 1].IsCap && !t[i - 1].Is(WordFlags.SentenceInitial) && !tok.Is(WordFlags.AllCaps)) continue;
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
            else if (last + 3 < t.Count && fr.Is(t[last + 1].Lower, "range") && t[last + 2].Kind == TokKind.Number && r.NumberWords.TryGetValue(t[last + 3].Lower, out var scale2) && scale2.Kind == "scale")
                value *= scale2.Value;

            // unit or counted noun; the first bound of a range ("de 300 à 700 euros", "entre 10,9 et 13,1 millions de
            // personnes", "140 ou 150 millions") counts what the second bound counts
            var k = last + 1;
            if (k + 1 < t.Count && (t[k].Lower is "-" or "–" || fr.Is(t[k].Lower, "range")) && (t[k + 1].Kind == TokKind.Number || t[k + 1].Number is { Kind: "unit" }) && !(k + 2 < t.Count && t[k + 2].In(WordLists.Month)))
            {
                k += 2;
                if (k < t.Count && t[k].Number is { Kind: "scale" or "thousand" }) k++;
            }
            // "at three or four a.m.", "four pm": a bound followed by a clock suffix of the language is a time of day,
            // for both bounds of a range; it counts nothing
            if (k < t.Count && t[k].Kind == TokKind.Word && fr.Is(t[k].Lower, "clock-suffix")) continue;
            // "entre 9 et 16h": a range of bounds of at most 24 closed by the hour letter glued to its second bound is a
            // span of the clock; neither bound counts anything
            if (k > last + 2 && k < t.Count && t[k].Kind == TokKind.Word && t[k].Is(WordFlags.GluedLeft) && fr.Is(t[k].Lower, "clock-hour")
                && value <= 24 && (t[k - 1].Number?.Value ?? (TryParseNumber(a.TokSpan(k - 1), r.Language, out var upper) ? upper : 99)) <= 24)
            {
                i = k;
                continue;
            }
            // "22-year-old", "a 10-km race": the unit glued by a hyphen
            if (unit is null && k + 1 < t.Count && t[k].Lower == "-" && t[k].Is(WordFlags.GluedLeft) && t[k + 1].Is(WordFlags.GluedLeft) && t[k + 1].Kind == TokKind.Word
                && fr.UnitWords.TryGetValue(t[k + 1].Lower.Split('-')[0], out var hyphenUnit) && hyphenUnit.Class is "duration" or "distance" or "weight")
            {
                if (inDate[i]) continue;
                figuresAdd(drafts, i, first, last, value, hyphenUnit.Unit, t[k + 1].Lower.Split('-')[0], r.Qualifiers.MatchEndingAt(t, first - 1, out var hq) > 0 ? hq : null);
                i = k + 1;
                continue;
            }
            if (k < t.Count && fr.Is(t[k].Lower, "of")) k++;
            // "180 de ses 430 vols", "180 of its 430 flights": what the second number counts
            if (k + 2 < t.Count && k > last + 1 && (t[k].In(WordLists.Determiner) || fr.Is(t[k].Lower, "possessive")) && t[k + 1].Kind == TokKind.Number) k += 2;
            while (k < t.Count && t[k].Kind == TokKind.Word && fr.Is(t[k].Lower, "adjective")) k++;
            // "430 scheduled flights": a modifier before the noun (after a participle, a noun that is also a verb: "flights")
            if (k + 1 < t.Count && t[k].Kind == TokKind.Word && !t[k].IsCap && ((t[k].Classes.Contains('a') || t[k].Classes.Contains('v')) && !t[k].Classes.Contains('n') || fr.LooksLikeModifier(t[k]))
                && !t[k].In(WordLists.Auxiliary) && !t[k].In(WordLists.Preposition) && !t[k].In(WordLists.Determiner)
                && t[k + 1].Kind == TokKind.Word && !t[k + 1].IsCap && IsNoun(t[k + 1]) && (!t[k + 1].Classes.Contains('v') || t[k].Classes.Contains('p')) && !t[k + 1].In(WordLists.Preposition) && !t[k + 1].In(WordLists.Determiner)
                && r.Units.MatchAt(t, k, out _) == 0)
                k++;
            UnitInfo unitInfo = null!;
            var unitLen = unit is null ? r.Units.MatchAt(t, k, out unitInfo) : 0;
            var nounEnd = -1;
            if (unitLen > 0 && !(unitInfo.Unit == "h" && k < t.Count && t[k].Is(WordFlags.GluedLeft) && k + 1 < t.Count && t[k + 1].Kind == TokKind.Number))
            {
                unit = unitInfo.Unit;
                counts = a.Span(k, k + unitLen - 1);
                var after = k + unitLen;
                if (unitInfo.Class == "percent")
                {
                    // "% des voix", "% des 540 pilotes": what the share is of; "a 6.5% pay rise": what the percentage measures
                    var of = after;
                    if (of + 1 < t.Count && fr.Is(t[of].Lower, "complement"))
                    {
                        of++;
                        if (of < t.Count && (fr.Is(t[of].Lower, "definite") || t[of].In(WordLists.Determiner))) of++;
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
                else if (unitInfo.Unit == "m" && after < t.Count && (t[after].Number is { Kind: "unit", Value: < 100 } || t[after].Kind == TokKind.Number && !t[after].Is(WordFlags.GluedLeft)
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
                     && (!t[k].IsCap || CapitalisedModifier(t, k) || tok.Is(WordFlags.AllCaps) && t[k].Is(WordFlags.AllCaps)))
            {
                // "200 Aldmere fishermen": a capitalised word qualifies the noun after it
                var head = t[k].IsCap && !t[k].Is(WordFlags.AllCaps) ? k + 1 : k;
                var end = head;
                for (var m = head + 1; m < t.Count && m <= head + 2; m++)
                {
                    var cls = t[m].Classes;
                    if (t[m].Kind != TokKind.Word || t[m].IsCap && !t[m].Is(WordFlags.AllCaps) || t[m].In(WordLists.Preposition) || t[m].In(WordLists.Determiner)) break;
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
                if (t[b].Lower == "%") { draft.BaseOfShare = b < first - 1 && (fr.Is(t[b + 1].Lower, "of") || fr.Is(t[b + 1].Lower, "complement")); break; }
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
        !t[k].Is(WordFlags.SentenceInitial) && k + 1 < t.Count && t[k + 1].Kind == TokKind.Word && !t[k + 1].IsCap && IsNoun(t[k + 1]) && !t[k + 1].Classes.Contains('v')
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
        // the second bound of a range that opens on a time of day: "à 8 ou 9 heures"
        if (before >= 2 && (fr.Is(t[before].Lower, "range") || t[before].Lower is "-" or "–") && t[before - 1].Kind == TokKind.Number
            && fr.Is(t[before - 2].Lower, "clock")) return true;
        if (unitEnd < 0) return false;
        var k = unitEnd + 1;
        if (k < t.Count && t[k].Lower == ",") k++;
        if (k < t.Count && fr.Weekdays.Contains(t[k].Lower)) return true;
        // "de 8 heures à 20 heures"
        return unitEnd + 2 < t.Count && fr.Is(t[unitEnd + 1].Lower, "clock") && t[unitEnd + 2].Kind == TokKind.Number;
    }
}
