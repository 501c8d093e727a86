using Recoupe.Core.Extraction;
using Recoupe.Core.Languages;
using Recoupe.Core.Languages.Wording;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// Figures by source. Each figure carries its referent (<see cref="FigureReferent"/>): what it counts, where, when.
/// Figures are aligned into quantities (same counted head after stemming and concepts, same kind of unit), then into
/// claims: same counted thing with the same modifiers, same place, same scope, same period (the day the sentence
/// names, else the article's day; publications less than a day apart when no day is known). Only figures of one claim
/// are compared, and a conflict is flagged only when their values cannot both hold once qualifiers ("plus de 110"
/// holds with 137; "environ"), rounding and unit conversions are allowed for, and their sentences speak of the same
/// thing. A figure whose counted thing is only its unit, with no noun saying what it measures, is never in conflict
/// and is marked so. Two figures of one sentence, or of one article and one source, are never in conflict: they are
/// an enumeration or a sequence, not two versions. A duration that only gives another figure's time span ("au cours
/// des dernières 24 heures") is that figure's scope, not a figure.
/// </summary>
internal static class FigureAligner
{
    /// <summary>Universal unit codes (as the figure stage normalises them) → dimension and factor to a base unit.</summary>
    private static readonly Dictionary<string, (string Dimension, decimal Factor)> Units = new(StringComparer.Ordinal)
    {
        ["s"] = ("duration", 1m / 3600), ["min"] = ("duration", 1m / 60), ["h"] = ("duration", 1), ["d"] = ("duration", 24),
        ["week"] = ("duration", 168), ["month"] = ("duration", 720), ["year"] = ("duration", 8760),
        ["decade"] = ("duration", 87600), ["century"] = ("duration", 876000),
        ["mm"] = ("distance", 0.001m), ["cm"] = ("distance", 0.01m), ["m"] = ("distance", 1), ["km"] = ("distance", 1000),
        ["mi"] = ("distance", 1609.344m),
        ["g"] = ("weight", 0.001m), ["kg"] = ("weight", 1), ["t"] = ("weight", 1000),
        ["ha"] = ("area", 10000), ["km2"] = ("area", 1000000),
    };

    /// <summary>How alike two figures' sentences must be, without a word around the figures in common, to be one claim.</summary>
    private const double MinContextSimilarity = 0.3;
    private const int AroundTerms = 4;
    /// <summary>Running totals (tolls) published this far apart or further (a day: day-only dates are a day apart) are successive counts, not versions of one count.</summary>
    private const double MaxHoursApart = 24;
    /// <summary>The size of one event (stolen records, a shipment, planes sent) is the same whatever day reports it, within the days a story is news.</summary>
    private const double MaxHoursApartForEventSize = 72;
    /// <summary>Two versions of one count seldom differ tenfold; values further apart count different things.</summary>
    private const decimal MaxRatio = 10;
    /// <summary>How far a qualified figure ("environ", "au moins", "près de") may be from its written value.</summary>
    private const decimal Slack = 0.1m;

    private sealed class FigureText
    {
        public required ArticleText Article { get; init; }
        public required Figure Figure { get; init; }
        public required SentenceText? Sentence { get; init; }
        public required string? QuantityKey { get; init; }
        public required string CountsKey { get; init; }
        /// <summary>The counted terms, places and nationalities left out (what <see cref="CountsKey"/> joins).</summary>
        public required List<string> CountsTerms { get; init; }
        public required string ScopeKey { get; init; }
        public required string Dimension { get; init; }
        public required decimal BaseValue { get; init; }
        /// <summary>What it counts as the text says it ("centres de commandement"); null when no noun says it.</summary>
        public required string? Referent { get; init; }
        /// <summary>Keys of the places and bodies its clause names (<see cref="FigureReferent.Places"/>).</summary>
        public required HashSet<string> Places { get; init; }
        /// <summary>Stems of the group the figure gives the size of (<see cref="FigureReferent.Owner"/>).</summary>
        public required HashSet<string> Owner { get; init; }
        public required DateOnly? Period { get; init; }
        /// <summary>Whether it counts a running total (a toll), which changes from one day's report to the next; also when nothing says what it counts.</summary>
        public required bool RunningCount { get; init; }
        /// <summary>A year the figure's sentence sets it in, other than the article's own ("vendu en 2019 pour 18 millions").</summary>
        public int? Year { get; init; }
        /// <summary>Content words around the figure in its sentence (no numbers, names or counted words).</summary>
        public required HashSet<string> Around { get; init; }
        /// <summary>For a headline figure its body repeats, that body figure: the headline stands for it (its claim, its conflicts).</summary>
        public FigureText? Twin { get; set; }
        public string? Claimant => Figure.ClaimedByKey ?? (Figure.ClaimedBy is { } c ? TextFolding.Fold(c) : null);
    }

    public static List<FigureQuantity> Align(StoryText story) => Align(story, out _);

    /// <param name="links">For each sentence (story index) holding a figure, the sentences of other articles that give a
    /// figure of the same claim: they state the same thing, with the same value or another.</param>
    public static List<FigureQuantity> Align(StoryText story, out Dictionary<int, HashSet<int>> links)
    {
        links = new Dictionary<int, HashSet<int>>();
        var figures = new List<FigureText>();
        foreach (var article in story.Articles)
            foreach (var f in article.Article.Figures.OrderBy(f => f.Start))
                if (Describe(article, f) is { } text) figures.Add(text);
        var headlines = Headlines(figures);

        var quantities = new List<FigureQuantity>();
        var claimNumber = 0;
        var quantityNumber = 0;
        // figures whose counted thing is unknown stay apart: nothing says they measure the same thing
        var groups = figures.GroupBy(f => f.QuantityKey ?? $"?{f.Article.Index}:{f.Figure.Start}", StringComparer.Ordinal)
            .OrderBy(g => g.Key.StartsWith('?') ? 1 : 0)
            .ThenByDescending(g => g.Select(f => f.Article.Outlet).Distinct().Count())
            .ThenBy(g => g.First().Article.Index).ThenBy(g => g.First().Figure.Start);
        foreach (var group in groups)
        {
            var members = group.ToList();
            var disputed = Disputed(members);
            var claims = new List<List<FigureText>>();
            foreach (var f in members)
            {
                var claim = claims.FirstOrDefault(c => c.All(o => SameCounted(o, f)) && c[0].ScopeKey == f.ScopeKey
                                                       && c[0].Dimension == f.Dimension && c[0].Year == f.Year
                                                       && c.All(o => SameTime(o, f, disputed) && SamePlace(o, f) && SameOwner(o, f)) && SameContext(c[0], f));
                if (claim is null) claims.Add([f]); else claim.Add(f);
            }
            foreach (var claim in claims)
                claim.AddRange(headlines.Where(h => claim.Contains(h.Twin!)));
            foreach (var claim in claims)
                foreach (var a in claim)
                    foreach (var b in claim)
                        if (a.Article != b.Article && a.Sentence is { } sa && b.Sentence is { } sb)
                        {
                            if (!links.TryGetValue(sa.StoryIndex, out var set)) links[sa.StoryIndex] = set = [];
                            set.Add(sb.StoryIndex);
                        }
            quantities.Add(new FigureQuantity
            {
                Id = $"f{++quantityNumber}",
                Counts = members.Select(m => m.Referent ?? m.Figure.Counts).Where(c => c is not null)
                    .GroupBy(c => c!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length)
                    .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault(),
                Unit = members.Select(m => m.Figure.Unit).FirstOrDefault(u => u is not null),
                ClearReferent = members.Any(m => m.Referent is not null),
                Claims = claims.Select(c => Claim(c, $"c{++claimNumber}", disputed)).ToList(),
            });
        }
        return quantities;
    }

    /// <summary>
    /// Takes out of <paramref name="figures"/> the headline figures their body repeats (same value and unit) and
    /// gives each the body figure it repeats: the headline is the article's most visible version of that claim, so it
    /// joins the body figure's claim and conflicts where that figure does, never with it. A headline figure whose
    /// value the body does not give is a claim of its own; one whose body figure is no claim is dropped with it.
    /// </summary>
    private static List<FigureText> Headlines(List<FigureText> figures)
    {
        var headlines = new List<FigureText>();
        foreach (var f in figures.Where(f => IsHeadline(f.Sentence)).ToList())
        {
            if (!RepeatedInBody(f.Article, f.Figure)) continue;
            figures.Remove(f);
            // the body figure of the same value that counts the same thing, else the first of that value
            var same = figures.Where(o => o.Article == f.Article && !IsHeadline(o.Sentence)
                                          && o.Figure.Value == f.Figure.Value && o.Figure.Unit == f.Figure.Unit).ToList();
            f.Twin = same.FirstOrDefault(o => o.QuantityKey is not null && o.QuantityKey == f.QuantityKey) ?? same.FirstOrDefault();
            if (f.Twin is not null) headlines.Add(f);
        }
        return headlines;
    }

    /// <summary>The title and the lead (the standfirst) announce what the body tells: their figures are the body's.</summary>
    private static bool IsHeadline(SentenceText? sentence) => sentence?.Role is ParagraphRole.Title or ParagraphRole.Lead;

    private static FigureText? Describe(ArticleText article, Figure f)
    {
        var text = article.Article.Text;
        if (f.End <= f.Start || f.End > text.Length) return null;
        var sentence = article.SentenceAt(f.Start);
        var (dimension, factor) = f.Unit is { } u && Units.TryGetValue(u, out var conv) ? conv : (f.Unit ?? "count", 1m);
        if (dimension == "duration" && IsTimeSpan(article, f, sentence)) return null;

        // a counted thing that is only the unit's name ("90 jours", "15 millions d'euros") says nothing of what is
        // measured: such figures are aligned on their unit and on the words around them
        var countsText = FigureReferent.Of(article, f);
        var counts = countsText is null ? [] : ArticleText.TermsOf(countsText, article.Language)
            .Where(t => !t.StartsWith('#')).ToList();
        // a nationality or place qualifies the counted thing without changing it ("rebelles syriens" = "rebelles")
        var core = counts.Where(t => !t.StartsWith('@')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // "deux autres avions" counts planes beyond those already named: another set than "deux avions"
        if (countsText is not null && IsAdditive(article, f)) core.Add("+more");
        var head = counts.FirstOrDefault(t => !t.StartsWith('@'));
        var scopeTerms = f.Scope is null ? [] : ArticleText.TermsOf(f.Scope, article.Language)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FigureText
        {
            Article = article,
            Figure = f,
            Sentence = sentence,
            Around = sentence is null ? [] : Around(article, f, sentence, counts),
            Year = sentence is null ? null : OtherYear(article, sentence),
            // a measure with nothing said of what it measures is grouped with its own unit ("180 mm" apart from "6,40 mètres")
            QuantityKey = head is not null ? dimension + "|" + head : dimension != "count" ? dimension + "|=" + f.Unit : null,
            CountsKey = string.Join(' ', core),
            CountsTerms = core,
            ScopeKey = string.Join(' ', scopeTerms),
            Dimension = dimension,
            BaseValue = f.Value * factor,
            Referent = countsText,
            Places = FigureReferent.Places(article, f, sentence),
            Owner = FigureReferent.Owner(article, f),
            Period = FigureReferent.Period(article, f, sentence),
            RunningCount = head is null || article.Language.IsRunningCount(head),
        };
    }

    /// <summary>Whether the word right after the figure says it counts more of a thing already named ("autres", "other").</summary>
    private static bool IsAdditive(ArticleText article, Figure f)
    {
        var text = article.Article.Text;
        var i = f.End;
        while (i < text.Length && text[i] == ' ') i++;
        var start = i;
        while (i < text.Length && char.IsLetter(text[i])) i++;
        return i > start && FigureResources.For(article.Language.Code).Is(TextFolding.Lower(text[start..i]), "additive");
    }

    private static bool RepeatedInBody(ArticleText article, Figure f) =>
        article.Article.Figures.Any(o => o != f && o.Value == f.Value && o.Unit == f.Unit && !IsHeadline(article.SentenceAt(o.Start)));

    /// <summary>
    /// Whether two figures speak of the same thing: a word around them in common ("données de 2,1 millions de
    /// salariés", "vol des données d'environ 1,4 million de salariés") or much alike sentences. "Les corps de cinq
    /// personnes" and "23 personnes avaient péri" share a counted word, not a claim.
    /// </summary>
    private static bool SameContext(FigureText a, FigureText b) =>
        a.Sentence is not null && b.Sentence is not null
        && (a.Sentence == b.Sentence || a.Around.Overlaps(b.Around) || a.Sentence.Vector.Cosine(b.Sentence.Vector) >= MinContextSimilarity);

    /// <summary>The first year the sentence names that is not the article's own (a past event, a record): null when none.</summary>
    private static int? OtherYear(ArticleText article, SentenceText sentence)
    {
        foreach (var d in article.Article.Dates)
            if (d.Start >= sentence.Start && d.End <= sentence.End && d.Value is { } value && value.Year != article.Day?.Year)
                return value.Year;
        return null;
    }

    /// <summary>A duration written as the span of another figure: its own scope holds it, or a span word comes right before it.</summary>
    private static bool IsTimeSpan(ArticleText article, Figure f, SentenceText? sentence)
    {
        var text = article.Article.Text;
        if (f.Scope is { } scope && TextFolding.Fold(scope).Contains(TextFolding.Fold(text[f.Start..f.End]), StringComparison.Ordinal))
            return true;
        return sentence is not null && article.WordBefore(f.Start, sentence.Start) is { } before && article.Language.IsSpanOpener(before);
    }

    /// <summary>Up to <see cref="AroundTerms"/> content terms each side of the figure, in its sentence.</summary>
    private static HashSet<string> Around(ArticleText article, Figure f, SentenceText sentence, List<string> counts)
    {
        static bool Keep(string t) => t[0] is not ('#' or '@');
        var before = article.Terms(sentence.Start, f.Start).Where(Keep).TakeLast(AroundTerms);
        var after = article.Terms(f.End, sentence.End).Where(Keep).Take(AroundTerms + counts.Count);
        var set = new HashSet<string>(before.Concat(after), StringComparer.Ordinal);
        set.ExceptWith(counts);
        return set;
    }

    /// <summary>
    /// Whether two figures can be the same claim in time: the same period when both are known (137 dead on one day and
    /// "plus de 110" the day before are two tolls), else published less than a day apart (or unknown); a disputed size
    /// of one event (<see cref="Disputed"/>) that is not a running total, less than three days apart.
    /// </summary>
    private static bool SameTime(FigureText a, FigureText b, bool disputed)
    {
        if (a.Period is { } pa && b.Period is { } pb) return pa == pb;
        var hours = disputed && !a.RunningCount && !b.RunningCount ? MaxHoursApartForEventSize : MaxHoursApart;
        return a.Article.PublishedAt is not { } ta || b.Article.PublishedAt is not { } tb || Math.Abs((ta - tb).TotalHours) < hours;
    }

    /// <summary>
    /// Whether an article itself sets two sources' values of this quantity against each other ("environ 1,4 million de
    /// salariés" for the company, "2,1 millions de salariés" for the hackers): the outlets then report one disputed
    /// size, which the next day's reports restate, rather than successive counts.
    /// </summary>
    private static bool Disputed(List<FigureText> members) =>
        members.GroupBy(m => m.Article).Any(g => g.Any(a => a.Claimant is not null
            && g.Any(b => b.Claimant is not null && b.Claimant != a.Claimant && !Compatible(a, b))));

    /// <summary>
    /// Whether two figures count the same thing: the same counted terms, or all of one's in the other's (the shorter
    /// names less of the same thing: "avions militaires" and "avions militaires d'assistance", "salariés" and "salariés
    /// concernés"); "centres de commandement" and "centres d'entraînement" each name what the other does not.
    /// </summary>
    private static bool SameCounted(FigureText a, FigureText b)
    {
        if (a.CountsKey == b.CountsKey) return true;
        if (a.CountsTerms.Count == 0 || b.CountsTerms.Count == 0) return false;
        var (shorter, longer) = a.CountsTerms.Count <= b.CountsTerms.Count ? (a, b) : (b, a);
        return shorter.CountsTerms.All(longer.CountsTerms.Contains);
    }

    /// <summary>"une équipe médicale de neuf personnes" and "un détachement (55 personnes" size two groups.</summary>
    private static bool SameOwner(FigureText a, FigureText b) => a.Owner.Count == 0 || b.Owner.Count == 0 || a.Owner.Overlaps(b.Owner);

    /// <summary>Two figures whose clauses both name places or bodies, none in common, are about different places ("Paris" / "la région").</summary>
    private static bool SamePlace(FigureText a, FigureText b) => a.Places.Count == 0 || b.Places.Count == 0 || a.Places.Overlaps(b.Places);

    private static FigureClaim Claim(List<FigureText> all, string id, bool disputed)
    {
        // a headline figure is the body figure it repeats (its twin, always in the same claim): it is listed with that
        // item and conflicts where it does, never as an item of its own
        var members = all.Where(m => m.Twin is null).ToList();
        var items = members.Select(m => Item(m, all.Where(h => h.Twin == m))).ToList();
        var conflicts = new List<FigureConflict>();
        for (var i = 0; i < members.Count; i++)
            for (var j = i + 1; j < members.Count; j++)
            {
                var (a, b) = (members[i], members[j]);
                if (Conflict(a, b, disputed) is not { } reason) continue;
                // an article that also gives the other's value agrees with it: its second figure is another amount
                // (a bonus beside the fee) or another source's version, which is a conflict inside that article
                if (a.Article != b.Article && (Reports(members, b, a) || Reports(members, a, b)))
                    continue;
                conflicts.Add(new FigureConflict(i, j, reason));
            }
        var outlets = new List<string>();
        foreach (var m in members)
            if (!outlets.Contains(m.Article.Outlet)) outlets.Add(m.Article.Outlet);
        return new FigureClaim
        {
            Id = id,
            Scope = members.Select(m => m.Figure.Scope).FirstOrDefault(s => s is not null),
            Date = members.Select(m => m.Period ?? m.Article.Day).FirstOrDefault(d => d is not null),
            Items = items,
            Conflicts = conflicts,
            Outlets = outlets,
        };
    }

    /// <summary>
    /// Whether the article of <paramref name="own"/> also gives, in this claim and from the same source as
    /// <paramref name="own"/>, a value compatible with <paramref name="figure"/>: its two values are then two amounts
    /// of one source, not a version against another. Two sources it quotes apart (the company's count and the
    /// hackers') stay a conflict.
    /// </summary>
    private static bool Reports(List<FigureText> members, FigureText own, FigureText figure) =>
        members.Any(m => m.Article == own.Article && m != figure && m != own && Compatible(m, figure) && m.Claimant == own.Claimant);

    private static bool Compatible(FigureText a, FigureText b)
    {
        var (aLow, aHigh, aVague) = Interval(a);
        var (bLow, bHigh, bVague) = Interval(b);
        return aVague || bVague || (aHigh >= bLow && bHigh >= aLow);
    }

    private static FigureItem Item(FigureText f, IEnumerable<FigureText> headlines) => new(f.Figure)
    {
        Repeated = headlines.Select(h => Evidence.Of(h.Article.Article, h.Figure)).ToList(),
        Shown = FigureWording.For(f.Article.Language.Code).Write(f.Figure.Qualifier, f.Article.Article.Text[f.Figure.Start..f.Figure.End],
            f.Figure.Unit is not null ? f.Figure.Counts : null),
        Referent = f.Referent,
        Outlet = f.Article.Outlet,
        ArticleId = f.Article.Id,
        Date = f.Article.Day,
        Evidence = Evidence.Of(f.Article.Article, f.Figure),
        Sentence = f.Sentence?.Evidence ?? Evidence.Of(f.Article.Article, f.Figure),
    };

    /// <summary>
    /// Why two figures of one claim cannot both be true, or null when they can (or are not two versions). Their
    /// sentences must speak of the same thing, unless the quantity is <see cref="Disputed"/>: an article then sets
    /// the versions against each other, and every version of the claim is one of that dispute.
    /// </summary>
    private static string? Conflict(FigureText a, FigureText b, bool disputed)
    {
        if (a.Sentence is null || b.Sentence is null || a.Sentence == b.Sentence) return null;
        if (a.Referent is null || b.Referent is null) return null; // nothing says what they measure
        if (a.Article == b.Article && a.Claimant == b.Claimant) return null;
        if (!disputed && !SameContext(a, b)) return null;
        if (Compatible(a, b)) return null;
        var (small, large) = (Math.Min(Math.Abs(a.BaseValue), Math.Abs(b.BaseValue)), Math.Max(Math.Abs(a.BaseValue), Math.Abs(b.BaseValue)));
        if (small == 0 || large / small > MaxRatio) return null;
        return $"{Describe(a)} vs {Describe(b)}: same quantity, same scope, same time";
    }

    private static string Describe(FigureText f)
    {
        var text = f.Article.Article.Text[f.Figure.Start..f.Figure.End];
        var who = f.Figure.ClaimedBy is { } c ? $"according to {c}, " : "";
        return $"{(f.Figure.Qualifier is { } q ? q + " " : "")}{text} ({who}{f.Article.Outlet})";
    }

    /// <summary>
    /// The values a figure allows, in base units: the rounding its written form implies, widened by its qualifier.
    /// A bound is open on its side ("au moins 12" holds with 14, "plus de deux millions" with 2,1 millions).
    /// </summary>
    private static (decimal Low, decimal High, bool Vague) Interval(FigureText f)
    {
        var v = f.BaseValue;
        var r = Rounding(f.Figure.Value) * (f.BaseValue == 0 || f.Figure.Value == 0 ? 1 : f.BaseValue / f.Figure.Value);
        return DigestLanguage.Bound(f.Figure.Qualifier, f.Article.Language.Code) switch
        {
            QualifierBound.Vague => (0, 0, true),
            // a bound holds every value on its side: "plus de 110" holds with 137, "moins d'une heure" with 40 minutes
            // (the bound itself is exact: "plus de deux millions" is not 1,6 million)
            QualifierBound.Above or QualifierBound.AtLeast => (v, decimal.MaxValue, false),
            QualifierBound.Below or QualifierBound.AtMost => (0, v, false),
            QualifierBound.About => (v * (1 - Slack) - r, v * (1 + Slack) + r, false),
            QualifierBound.Nearly => (v * (1 - 1.5m * Slack) - r, v + r, false),
            _ => (v - r, v + r, false),
        };
    }

    /// <summary>Half a unit of the last significant digit of a round figure: 3 400 → 50, 2 100 000 → 50 000, 12 → 0.</summary>
    private static decimal Rounding(decimal value)
    {
        value = Math.Abs(value);
        if (value == 0 || value != decimal.Truncate(value)) return 0;
        decimal unit = 1;
        while (value >= unit * 10 && value % (unit * 10) == 0) unit *= 10;
        return unit == 1 ? 0 : unit / 2;
    }
}
