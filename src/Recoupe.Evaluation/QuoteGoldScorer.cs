using System.Globalization;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Evaluation;

/// <summary>The scores of extraction against the quotation gold, for one part (a set and a split, or all).</summary>
public sealed class QuoteGoldScores
{
    /// <summary>Gold direct quotations against predicted direct ones: same span, right speaker.</summary>
    public Tally DirectWithSpeaker { get; } = new();
    /// <summary>Gold direct and partial quotations found at their span, whatever the kind predicted.</summary>
    public Tally QuotationsFound { get; } = new();
    /// <summary>Gold partial quotations found at their span (any kind), and with the right speaker.</summary>
    public Tally PartialFound { get; } = new();
    public int PartialWithSpeaker { get; set; }
    /// <summary>Of the gold quotations found: right speaker, no speaker given (abstained), a wrong one.</summary>
    public int SpeakerRight { get; set; }
    public int SpeakerAbstained { get; set; }
    public int SpeakerWrong { get; set; }
    public int SpeakerFound => SpeakerRight + SpeakerAbstained + SpeakerWrong;
    public double SpeakerAccuracy => SpeakerFound == 0 ? 0 : (double)SpeakerRight / SpeakerFound;
    public int NotQuoteTotal { get; set; }
    public int NotQuoteTaken { get; set; }
    public double NotQuoteTakenRate => NotQuoteTotal == 0 ? 0 : (double)NotQuoteTaken / NotQuoteTotal;
    /// <summary>Reported speech: gold clauses covered at least half by a predicted indirect quotation; predicted ones that cover a gold clause.</summary>
    public Tally Reported { get; } = new();
    public int Documents { get; set; }
    /// <summary>Found quotations by the confidence of their attribution: (right, not right), to see where abstaining pays.</summary>
    public SortedDictionary<double, (int Right, int Wrong)> ByConfidence { get; } = new();
    public List<string> Errors { get; } = [];

    public string Report(string name)
    {
        static string N(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"{name}: {Documents} documents");
        sb.AppendLine($"  direct + speaker            P {N(DirectWithSpeaker.Precision)}  R {N(DirectWithSpeaker.Recall)}  F1 {N(DirectWithSpeaker.F1)}  ({DirectWithSpeaker.Correct}/{DirectWithSpeaker.Predicted} predicted right, {DirectWithSpeaker.GoldFound}/{DirectWithSpeaker.Gold} gold found)");
        sb.AppendLine($"  quotations found            P {N(QuotationsFound.Precision)}  R {N(QuotationsFound.Recall)}  F1 {N(QuotationsFound.F1)}  ({QuotationsFound.GoldFound}/{QuotationsFound.Gold} gold found)");
        sb.AppendLine($"  speaker on found            {N(SpeakerAccuracy)}  ({SpeakerRight}/{SpeakerFound} right, {SpeakerAbstained} abstained, {SpeakerWrong} wrong)");
        sb.AppendLine($"  speaker by confidence       {string.Join("  ", ByConfidence.Select(c => $"{N(c.Key)}: {c.Value.Right}/{c.Value.Right + c.Value.Wrong}"))}");
        sb.AppendLine($"  partial found               R {N(PartialFound.Recall)}  ({PartialFound.GoldFound}/{PartialFound.Gold}, {PartialWithSpeaker} with the right speaker)");
        sb.AppendLine($"  not-quotations taken        {NotQuoteTaken}/{NotQuoteTotal} ({(100 * NotQuoteTakenRate).ToString("0.0", CultureInfo.InvariantCulture)} %)");
        sb.AppendLine($"  reported speech             P {N(Reported.Precision)}  R {N(Reported.Recall)}  ({Reported.GoldFound}/{Reported.Gold} gold clauses found)");
        return sb.ToString();
    }
}

/// <summary>
/// Scores extracted quotations against the quotation gold: exact spans (the text between the marks), speakers
/// compared by identity (<see cref="ExtractionScorer.NamesMatch"/>), a gold speaker null matched only by no speaker.
/// </summary>
public static class QuoteGoldScorer
{
    public static QuoteGoldScores Score(IEnumerable<(QuoteGoldDocument Gold, Document Document)> items)
    {
        var scores = new QuoteGoldScores();
        foreach (var (gold, document) in items) ScoreOne(scores, gold, document);
        return scores;
    }

    public static void ScoreOne(QuoteGoldScores s, QuoteGoldDocument gold, Document doc)
    {
        s.Documents++;
        var text = doc.Text;
        string Snip(int a, int b) => text[Math.Max(0, a)..Math.Min(text.Length, Math.Min(b, a + 70))].Replace('\n', ' ');
        string Id() => $"{gold.Set} {gold.Id}";
        var predicted = doc.Quotes.Where(q => q.Kind is QuoteKind.Direct or QuoteKind.Partial).ToDictionary(q => (q.Start, q.End));
        var goldAt = gold.Spans.GroupBy(g => (g.Start, g.End)).ToDictionary(g => g.Key, g => g.First());

        foreach (var g in gold.Spans)
        {
            predicted.TryGetValue((g.Start, g.End), out var p);
            if (g.Kind == QuoteGold.NotQuote)
            {
                s.NotQuoteTotal++;
                if (p is not null) { s.NotQuoteTaken++; s.Errors.Add($"{Id()} NOTQUOTE-TAKEN «{Snip(g.Start, g.End)}» as {p.Kind} [{p.SpeakerName}]"); }
                continue;
            }
            s.QuotationsFound.Gold++;
            if (g.Kind == QuoteGold.Partial) s.PartialFound.Gold++;
            if (g.Kind == QuoteGold.Direct) s.DirectWithSpeaker.Gold++;
            if (p is null) { s.Errors.Add($"{Id()} MISS {g.Kind} [{g.Speaker}] «{Snip(g.Start, g.End)}»"); continue; }
            s.QuotationsFound.GoldFound++;
            var right = SpeakerRight(g.Speaker, p);
            var level = Math.Round(p.SpeakerConfidence ?? 0, 2);
            var (r, w) = s.ByConfidence.GetValueOrDefault(level);
            s.ByConfidence[level] = right ? (r + 1, w) : (r, w + 1);
            if (right) s.SpeakerRight++;
            else if (p.SpeakerName is null) s.SpeakerAbstained++;
            else s.SpeakerWrong++;
            if (!right)
                s.Errors.Add($"{Id()} SPEAKER {g.Kind} gold [{g.Speaker}] got [{p.SpeakerName}] ({p.SpeakerConfidence?.ToString("0.00", CultureInfo.InvariantCulture)}) «{Snip(g.Start, g.End)}»");
            if (g.Kind == QuoteGold.Partial)
            {
                s.PartialFound.GoldFound++;
                if (right) s.PartialWithSpeaker++;
            }
            if (g.Kind == QuoteGold.Direct && p.Kind == QuoteKind.Direct && right) s.DirectWithSpeaker.GoldFound++;
            if (g.Kind == QuoteGold.Direct && p.Kind != QuoteKind.Direct) s.Errors.Add($"{Id()} KIND gold direct got {p.Kind} «{Snip(g.Start, g.End)}»");
        }
        foreach (var p in predicted.Values)
        {
            s.QuotationsFound.Predicted++;
            var g = goldAt.GetValueOrDefault((p.Start, p.End));
            if (g is { IsQuotation: true }) s.QuotationsFound.Correct++;
            else if (g is null) s.Errors.Add($"{Id()} EXTRA {p.Kind} [{p.SpeakerName}] «{Snip(p.Start, p.End)}» (no gold span there)");
            if (p.Kind != QuoteKind.Direct) continue;
            s.DirectWithSpeaker.Predicted++;
            if (g is { Kind: QuoteGold.Direct } && SpeakerRight(g.Speaker, p)) s.DirectWithSpeaker.Correct++;
            else if (g is { Kind: QuoteGold.Partial }) s.Errors.Add($"{Id()} KIND gold partial got direct «{Snip(p.Start, p.End)}»");
        }
        ScoreReported(s, gold, doc, Id(), Snip);
    }

    private static void ScoreReported(QuoteGoldScores s, QuoteGoldDocument gold, Document doc, string id, Func<int, int, string> snip)
    {
        var indirect = doc.Quotes.Where(q => q.Kind == QuoteKind.Indirect).ToList();
        s.Reported.Gold += gold.Reported.Count;
        s.Reported.Predicted += indirect.Count;
        foreach (var r in gold.Reported)
        {
            if (indirect.Any(q => Overlap(q.Start, q.End, r.Start, r.End) * 2 >= r.End - r.Start)) s.Reported.GoldFound++;
            else s.Errors.Add($"{id} REPORTED-MISS [{r.Speaker}] «{snip(r.Start, r.End)}»");
        }
        foreach (var q in indirect)
            if (gold.Reported.Any(r => Overlap(q.Start, q.End, r.Start, r.End) * 2 >= Math.Min(r.End - r.Start, q.End - q.Start))) s.Reported.Correct++;
    }

    internal static int Overlap(int a, int b, int c, int d) => Math.Max(0, Math.Min(b, d) - Math.Max(a, c));

    private static bool SpeakerRight(string? gold, Quotation p) => ExtractionScorer.SpeakerMatches(gold, p);
}
