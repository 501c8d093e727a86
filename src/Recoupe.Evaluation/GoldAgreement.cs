using System.Globalization;
using System.Text;

namespace Recoupe.Evaluation;

/// <summary>How far two readers of the quotation gold agree on the documents they both read.</summary>
public sealed class GoldAgreementScores
{
    public int Documents { get; set; }
    /// <summary>Spans either reader marked; spans only one marked count as "absent" for the other.</summary>
    public int Spans { get; set; }
    public int KindAgreed { get; set; }
    public double KindAgreement => Spans == 0 ? 0 : (double)KindAgreed / Spans;
    /// <summary>Cohen's kappa over the span kinds (direct, partial, not-quote, absent).</summary>
    public double KindKappa { get; set; }
    /// <summary>Spans both readers call quotations (direct or partial): same speaker (same identity, or both none).</summary>
    public int BothQuotations { get; set; }
    public int SpeakerAgreed { get; set; }
    public double SpeakerAgreement => BothQuotations == 0 ? 0 : (double)SpeakerAgreed / BothQuotations;
    /// <summary>Reported clauses: matched when they overlap by half the shorter; F1 of one reader's clauses against the other's.</summary>
    public int ReportedFirst { get; set; }
    public int ReportedSecond { get; set; }
    public int ReportedFirstMatched { get; set; }
    public int ReportedSecondMatched { get; set; }
    public double ReportedF1 => ReportedFirst + ReportedSecond == 0 ? 0 : (double)(ReportedFirstMatched + ReportedSecondMatched) / (ReportedFirst + ReportedSecond);
    /// <summary>Characters both readers put in reported clauses over characters either did (Jaccard).</summary>
    public double ReportedCharacterOverlap { get; set; }
    /// <summary>Kind confusions, "first/second": count.</summary>
    public SortedDictionary<string, int> Confusions { get; } = new(StringComparer.Ordinal);

    public string Report(string name)
    {
        static string N(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"{name}: {Documents} documents read by both");
        sb.AppendLine($"  span kind                  {N(KindAgreement)} agreed ({KindAgreed}/{Spans}), Cohen's kappa {N(KindKappa)}");
        sb.AppendLine($"  speaker (both quotations)  {N(SpeakerAgreement)} ({SpeakerAgreed}/{BothQuotations})");
        sb.AppendLine($"  reported clauses           F1 {N(ReportedF1)} ({ReportedFirst} and {ReportedSecond} clauses), character overlap {N(ReportedCharacterOverlap)}");
        foreach (var (pair, count) in Confusions) sb.AppendLine($"    kind {pair}: {count}");
        return sb.ToString();
    }
}

/// <summary>Compares a second reader's answers with the primary readers' on the documents both read.</summary>
public static class GoldAgreement
{
    private const string Absent = "absent";

    public static GoldAgreementScores Compare(IEnumerable<QuoteGoldDocument> primary, IEnumerable<QuoteGoldDocument> second)
    {
        var first = primary.GroupBy(d => (d.Set, d.Id)).ToDictionary(g => g.Key, g => g.First());
        var s = new GoldAgreementScores();
        var pairs = new List<(string A, string B)>();
        long bothChars = 0, eitherChars = 0;
        foreach (var b in second.GroupBy(d => (d.Set, d.Id)).Select(g => g.First()))
        {
            if (!first.TryGetValue((b.Set, b.Id), out var a)) continue;
            s.Documents++;
            var spansA = a.Spans.GroupBy(x => (x.Start, x.End)).ToDictionary(g => g.Key, g => g.First());
            var spansB = b.Spans.GroupBy(x => (x.Start, x.End)).ToDictionary(g => g.Key, g => g.First());
            foreach (var at in spansA.Keys.Union(spansB.Keys))
            {
                var x = spansA.GetValueOrDefault(at);
                var y = spansB.GetValueOrDefault(at);
                var kindA = x?.Kind ?? Absent;
                var kindB = y?.Kind ?? Absent;
                pairs.Add((kindA, kindB));
                if (kindA == kindB) s.KindAgreed++;
                else s.Confusions[$"{kindA}/{kindB}"] = s.Confusions.GetValueOrDefault($"{kindA}/{kindB}") + 1;
                if (x is { IsQuotation: true } && y is { IsQuotation: true })
                {
                    s.BothQuotations++;
                    if (SameSpeaker(x.Speaker, y.Speaker)) s.SpeakerAgreed++;
                }
            }
            s.ReportedFirst += a.Reported.Count;
            s.ReportedSecond += b.Reported.Count;
            s.ReportedFirstMatched += a.Reported.Count(r => b.Reported.Any(o => Matches(r, o)));
            s.ReportedSecondMatched += b.Reported.Count(r => a.Reported.Any(o => Matches(r, o)));
            var (both, either) = CharacterOverlap(a.Reported, b.Reported);
            bothChars += both;
            eitherChars += either;
        }
        s.Spans = pairs.Count;
        s.KindKappa = Kappa(pairs);
        s.ReportedCharacterOverlap = eitherChars == 0 ? 0 : (double)bothChars / eitherChars;
        return s;
    }

    private static bool SameSpeaker(string? a, string? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return ExtractionScorer.NamesMatch(a, b, null);
    }

    private static bool Matches(QuoteGoldReported r, QuoteGoldReported o) =>
        QuoteGoldScorer.Overlap(r.Start, r.End, o.Start, o.End) * 2 >= Math.Min(r.End - r.Start, o.End - o.Start);

    private static (long Both, long Either) CharacterOverlap(IReadOnlyList<QuoteGoldReported> a, IReadOnlyList<QuoteGoldReported> b)
    {
        var inA = new HashSet<int>();
        foreach (var r in a) for (var i = r.Start; i < r.End; i++) inA.Add(i);
        var inB = new HashSet<int>();
        foreach (var r in b) for (var i = r.Start; i < r.End; i++) inB.Add(i);
        var both = inA.Count(inB.Contains);
        return (both, inA.Count + inB.Count - both);
    }

    /// <summary>Cohen's kappa: (observed − expected agreement) / (1 − expected), expected from each reader's own kind frequencies.</summary>
    public static double Kappa(IReadOnlyList<(string A, string B)> pairs)
    {
        if (pairs.Count == 0) return 0;
        double n = pairs.Count;
        var observed = pairs.Count(p => p.A == p.B) / n;
        var expected = pairs.Select(p => p.A).Concat(pairs.Select(p => p.B)).Distinct()
            .Sum(k => pairs.Count(p => p.A == k) / n * (pairs.Count(p => p.B == k) / n));
        return expected >= 1 ? 1 : (observed - expected) / (1 - expected);
    }
}
