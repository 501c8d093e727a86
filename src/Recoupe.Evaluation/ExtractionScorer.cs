using System.Text;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Evaluation;

/// <summary>True positives against predicted and gold counts, with precision, recall and F1.</summary>
public sealed class Tally
{
    public int Correct { get; set; }
    public int Predicted { get; set; }
    public int Gold { get; set; }
    /// <summary>Gold items found (may differ from <see cref="Correct"/> when one side has extra items).</summary>
    public int GoldFound { get; set; }

    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)GoldFound / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => $"P {Precision:0.000}  R {Recall:0.000}  F1 {F1:0.000}  (correct {Correct}/{Predicted} predicted, found {GoldFound}/{Gold} gold)";
}

/// <summary>Scores of one gold set.</summary>
public sealed class ExtractionScores
{
    /// <summary>Direct and partial quotations found with exact offsets (kind not checked).</summary>
    public Tally QuotesFound { get; } = new();
    /// <summary>Direct and partial quotations found with exact offsets and the right speaker.</summary>
    public Tally QuotesWithSpeaker { get; } = new();
    /// <summary>Direct quotations (gold direct against predicted direct) with the right speaker.</summary>
    public Tally DirectWithSpeaker { get; } = new();
    /// <summary>Gold direct quotations of six words or more found with the right speaker (recall is what counts).</summary>
    public Tally LongDirectWithSpeaker { get; } = new();
    public int NotQuoteTotal { get; set; }
    public int NotQuoteTaken { get; set; }
    public double NotQuoteTakenRate => NotQuoteTotal == 0 ? 0 : (double)NotQuoteTaken / NotQuoteTotal;
    public Tally FiguresFound { get; } = new();
    public Tally FiguresCounts { get; } = new();
    public Tally FiguresClaimer { get; } = new();
    public Tally Entities { get; } = new();
    /// <summary>One line per error, for reading by hand.</summary>
    public List<string> Errors { get; } = [];

    public string Report(string name)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{name}:");
        sb.AppendLine($"  quotations found           {QuotesFound}");
        sb.AppendLine($"  quotations + speaker       {QuotesWithSpeaker}");
        sb.AppendLine($"  direct + speaker           {DirectWithSpeaker}");
        sb.AppendLine($"  direct >= 6 words + speaker recall {LongDirectWithSpeaker.Recall:0.000} ({LongDirectWithSpeaker.GoldFound}/{LongDirectWithSpeaker.Gold})");
        if (NotQuoteTotal > 0) sb.AppendLine($"  not-quotations taken       {NotQuoteTaken}/{NotQuoteTotal} ({NotQuoteTakenRate:P1})");
        if (FiguresFound.Gold + FiguresFound.Predicted > 0)
        {
            sb.AppendLine($"  figures found              {FiguresFound}");
            sb.AppendLine($"  figures + counts           {FiguresCounts}");
            sb.AppendLine($"  figures + claimer          {FiguresClaimer}");
        }
        if (Entities.Gold > 0) sb.AppendLine($"  entities                   {Entities}");
        return sb.ToString();
    }
}

/// <summary>
/// Compares extracted quotations, figures and entities with gold annotations. Speakers are compared by identity,
/// not by string: folded names, phonetic surname keys, and word containment ("Poutine" = "Vladimir Poutine").
/// </summary>
public static class ExtractionScorer
{
    private static readonly HashSet<string> SpeakerStopWords = new(StringComparer.Ordinal)
    {
        "m", "mme", "mr", "mrs", "ms", "dr", "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "the", "a", "an", "of",
    };

    public static ExtractionScores Score(IEnumerable<(GoldDocument Gold, Document Document)> items)
    {
        var s = new ExtractionScores();
        foreach (var (gold, doc) in items) ScoreOne(s, gold, doc);
        return s;
    }

    private static void ScoreOne(ExtractionScores s, GoldDocument gold, Document doc)
    {
        var text = doc.Text;
        string Snip(int a, int b) => text[Math.Max(0, a)..Math.Min(text.Length, b)].Replace('\n', ' ');
        var predicted = doc.Quotes.Where(q => q.Kind is QuoteKind.Direct or QuoteKind.Partial).ToList();
        var goldQuotes = gold.Quotes.Where(q => q.Kind is "direct" or "partial").ToList();
        var optional = goldQuotes.Where(q => q.Optional).ToList();
        var required = goldQuotes.Where(q => !q.Optional).ToList();
        var notQuotes = gold.Quotes.Where(q => q.Kind == "not_quote").ToList();

        bool IsOptionalSpan(Quotation q) => optional.Any(g => g.Start == q.Start && g.End == q.End);
        var scored = predicted.Where(q => !IsOptionalSpan(q) && !notQuotes.Any(n => n.Start == q.Start && n.End == q.End && n.Optional)).ToList();

        s.QuotesFound.Gold += required.Count;
        s.QuotesWithSpeaker.Gold += required.Count;
        s.QuotesFound.Predicted += scored.Count;
        s.QuotesWithSpeaker.Predicted += scored.Count;
        foreach (var g in required)
        {
            var p = scored.FirstOrDefault(q => q.Start == g.Start && q.End == g.End);
            if (p is null) { s.Errors.Add($"{gold.Id} MISS {g.Kind} [{g.Speaker}] «{Snip(g.Start, g.End)}»"); continue; }
            s.QuotesFound.Correct++;
            s.QuotesFound.GoldFound++;
            if (SpeakerMatches(g.Speaker, p))
            {
                s.QuotesWithSpeaker.Correct++;
                s.QuotesWithSpeaker.GoldFound++;
            }
            else s.Errors.Add($"{gold.Id} SPEAKER {g.Kind} gold [{g.Speaker}] got [{p.SpeakerName}|{p.SpeakerKey}] via «{(p.SpeakerSpan is { } sp ? Snip(sp.Start, sp.End) : "")}» for «{Snip(g.Start, Math.Min(g.End, g.Start + 60))}»");
        }
        foreach (var p in scored)
            if (!required.Any(g => g.Start == p.Start && g.End == p.End))
            {
                var nq = notQuotes.Any(n => n.Start == p.Start && n.End == p.End);
                s.Errors.Add($"{gold.Id} {(nq ? "NOTQUOTE-TAKEN" : "EXTRA")} {p.Kind} [{p.SpeakerName}] «{Snip(p.Start, Math.Min(p.End, p.Start + 80))}»");
            }

        // direct quotations, kind checked
        var goldDirect = required.Where(g => g.Kind == "direct").ToList();
        var predDirect = scored.Where(q => q.Kind == QuoteKind.Direct).ToList();
        s.DirectWithSpeaker.Gold += goldDirect.Count;
        s.DirectWithSpeaker.Predicted += predDirect.Count;
        foreach (var p in predDirect)
        {
            var g = goldDirect.FirstOrDefault(x => x.Start == p.Start && x.End == p.End);
            if (g is not null && SpeakerMatches(g.Speaker, p)) s.DirectWithSpeaker.Correct++;
        }
        foreach (var g in goldDirect)
        {
            var p = predDirect.FirstOrDefault(x => x.Start == g.Start && x.End == g.End);
            if (p is not null && SpeakerMatches(g.Speaker, p)) s.DirectWithSpeaker.GoldFound++;
            else if (p is null && scored.Any(x => x.Start == g.Start && x.End == g.End)) s.Errors.Add($"{gold.Id} KIND gold direct got partial «{Snip(g.Start, Math.Min(g.End, g.Start + 60))}»");
        }
        foreach (var p in predDirect)
            if (required.FirstOrDefault(x => x.Start == p.Start && x.End == p.End) is { Kind: "partial" })
                s.Errors.Add($"{gold.Id} KIND gold partial got direct «{Snip(p.Start, Math.Min(p.End, p.Start + 60))}»");

        foreach (var g in goldDirect.Where(g => WordCount(text, g.Start, g.End) >= 6))
        {
            s.LongDirectWithSpeaker.Gold++;
            var p = scored.FirstOrDefault(x => x.Start == g.Start && x.End == g.End);
            if (p is not null && SpeakerMatches(g.Speaker, p)) { s.LongDirectWithSpeaker.GoldFound++; s.LongDirectWithSpeaker.Correct++; }
        }
        s.LongDirectWithSpeaker.Predicted = s.LongDirectWithSpeaker.Correct;

        foreach (var n in notQuotes.Where(n => !n.Optional))
        {
            s.NotQuoteTotal++;
            if (predicted.Any(q => q.Start == n.Start && q.End == n.End)) s.NotQuoteTaken++;
        }

        if (gold.FiguresAnnotated) ScoreFigures(s, gold, doc, Snip);

        if (gold.EntitiesAnnotated)
        {
            s.Entities.Gold += gold.Entities.Count;
            s.Entities.Predicted += doc.Entities.Count(e => e.Via is "name" or "surname" or "title");
            foreach (var g in gold.Entities)
            {
                var hit = doc.Entities.FirstOrDefault(e => e.Start == g.Start && e.End == g.End);
                if (hit is not null && (g.Key.Length == 0 || KeysMatch(g.Key, hit.Key, hit.Name))) { s.Entities.Correct++; s.Entities.GoldFound++; }
                else s.Errors.Add($"{gold.Id} ENTITY miss {g.Key} «{Snip(g.Start, g.End)}»");
            }
        }
    }

    private static void ScoreFigures(ExtractionScores s, GoldDocument gold, Document doc, Func<int, int, string> snip)
    {
        // vague quantities ("des dizaines") are reported with qualifier "vague" and are not figures for scoring
        var predicted = doc.Figures.Where(f => f.Qualifier != "vague").ToList();
        var required = gold.Figures.Where(f => !f.Optional).ToList();
        var optional = gold.Figures.Where(f => f.Optional).ToList();
        predicted = predicted.Where(f => !optional.Any(o => Overlaps(o.Start, o.End, f.Start, f.End))).ToList();
        foreach (var t in new[] { s.FiguresFound, s.FiguresCounts, s.FiguresClaimer }) { t.Gold += required.Count; t.Predicted += predicted.Count; }
        var used = new HashSet<Figure>();
        foreach (var g in required)
        {
            var p = predicted.FirstOrDefault(f => !used.Contains(f) && Overlaps(g.Start, g.End, f.Start, f.End) && (g.Value is null || SameValue(f.Value, g.Value.Value)));
            if (p is null) { s.Errors.Add($"{gold.Id} FIG-MISS {g.Value} {g.Counts} «{snip(g.Start - 20, g.End + 25)}»"); continue; }
            used.Add(p);
            s.FiguresFound.Correct++; s.FiguresFound.GoldFound++;
            if (CountsMatch(g.Counts, p)) { s.FiguresCounts.Correct++; s.FiguresCounts.GoldFound++; }
            else s.Errors.Add($"{gold.Id} FIG-COUNTS gold [{g.Counts}] got [{p.Counts}|{p.Unit}] «{snip(g.Start - 20, g.End + 25)}»");
            if (ClaimerMatches(g.ClaimedBy, p)) { s.FiguresClaimer.Correct++; s.FiguresClaimer.GoldFound++; }
            else s.Errors.Add($"{gold.Id} FIG-CLAIM gold [{g.ClaimedBy}] got [{p.ClaimedBy}|{p.ClaimedByKey}] «{snip(g.Start - 20, g.End + 25)}»");
        }
        foreach (var p in predicted.Where(p => !used.Contains(p)))
            s.Errors.Add($"{gold.Id} FIG-EXTRA {p.Value} [{p.Counts}] «{snip(p.Start - 20, p.End + 25)}»");
    }

    private static bool Overlaps(int a, int b, int c, int d) => a < d && c < b;

    /// <summary>Equal values, or fractions rounded differently in the gold ("un tiers": 0.3333 against 0.333333).</summary>
    private static bool SameValue(decimal predicted, decimal gold) =>
        predicted == gold || gold != 0 && Math.Abs(predicted - gold) / Math.Abs(gold) < 0.001m;

    private static int WordCount(string text, int start, int end)
    {
        var n = 0;
        var inWord = false;
        for (var i = start; i < end && i < text.Length; i++)
        {
            var w = char.IsLetterOrDigit(text[i]);
            if (w && !inWord) n++;
            inWord = w;
        }
        return n;
    }

    private static bool CountsMatch(string? gold, Figure p)
    {
        if (gold is null) return true;
        var g = Words(gold);
        var have = Words((p.Counts ?? "") + " " + (p.Unit ?? ""));
        if (g.Count == 0) return true;
        // the head noun of the gold unit must be among the predicted words ("cibles" in "cibles terroristes")
        if (gold is "%" && (p.Unit == "%")) return true;
        return g.Take(1).All(w => have.Contains(w) || have.Any(h => h.StartsWith(w, StringComparison.Ordinal) || w.StartsWith(h, StringComparison.Ordinal) && h.Length >= 3))
               || UnitAlias(gold, p.Unit);
    }

    private static bool UnitAlias(string gold, string? unit) => unit is not null && (TextFolding.Fold(gold), unit) switch
    {
        ("euros" or "euro", "EUR") => true,
        ("dollars" or "dollar", "USD") => true,
        ("ans" or "annees", "year") => true,
        ("jours", "d") => true,
        ("heures", "h") => true,
        ("mois", "month") => true,
        ("semaines", "week") => true,
        ("minutes", "min") => true,
        ("kilometres" or "km", "km") => true,
        ("metres", "m") => true,
        ("%" or "pour cent", "%") => true,
        _ => false,
    };

    private static bool ClaimerMatches(string? gold, Figure p)
    {
        if (gold is null) return p.ClaimedBy is null;
        if (p.ClaimedBy is null) return false;
        return NamesMatch(gold, p.ClaimedBy, p.ClaimedByKey);
    }

    public static bool SpeakerMatches(string? gold, Quotation p)
    {
        if (gold is null) return p.SpeakerName is null;
        if (p.SpeakerName is null) return false;
        return NamesMatch(gold, p.SpeakerName, p.SpeakerKey);
    }

    /// <summary>Do a gold name or key and a predicted name/key designate the same speaker?</summary>
    public static bool NamesMatch(string gold, string predictedName, string? predictedKey)
    {
        var g = Words(gold);
        var p = Words(predictedName);
        if (g.Count == 0 || p.Count == 0) return false;
        if (predictedKey is not null && KeysMatch(gold, predictedKey, predictedName)) return true;
        var gp = g.Select(NameKeys.Phonetic).ToHashSet();
        var pp = p.Select(NameKeys.Phonetic).ToList();
        // every word of the shorter name is in the longer one
        var shorter = pp.Count <= gp.Count ? pp : gp.ToList();
        var longer = pp.Count <= gp.Count ? gp : pp.ToHashSet();
        return shorter.All(longer.Contains);
    }

    private static bool KeysMatch(string gold, string key, string name)
    {
        var slug = TextFolding.Slug(gold);
        if (slug == key) return true;
        var words = Words(gold);
        if (words.Count == 0) return false;
        // a gold key ("poutine") or a name's surname ("Vladimir Poutine" → "Poutine", "Marine Le Pen" → "Le Pen")
        if (NameKeys.Surname(words[^1]) == key) return true;
        if (words.Count > 1 && NameKeys.Surname(string.Join(' ', words.Skip(1))) == key) return true;
        if (NameKeys.Surname(gold) == key) return true;
        return false;
    }

    private static List<string> Words(string s) =>
        TextFolding.Slug(s).Split('-', StringSplitOptions.RemoveEmptyEntries).Where(w => !SpeakerStopWords.Contains(w)).ToList();
}
