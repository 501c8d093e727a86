using System.Text.Json;
using Recoupe.Core.Cleaning;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Cleaning;

/// <summary>
/// The cleaner on ../shared/corpus/fr-news: 4,962 clean news bodies whose paragraphs a parser ran together.
/// It must unglue them and drop almost nothing.
/// </summary>
public sealed class CorpusCleaningTests(ITestOutputHelper output)
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";

    private static readonly Pipeline Cleaner = new(
        [new TextBlocksStage(), new EncodingRepairStage(), new GluedParagraphStage(), new BoilerplateStage()], []);

    private sealed record Article(string Id, string Title, string Lead, string Text);

    private static IEnumerable<Article> Articles()
    {
        foreach (var line in File.ReadLines(SharedData.Find(Corpus)!))
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            yield return new Article(r.GetProperty("id").ToString(), r.GetProperty("title").GetString()!,
                r.GetProperty("heading").GetString()!, r.GetProperty("text").GetString()!);
        }
    }

    private static long NonSpace(string text) => text.Count(c => !char.IsWhiteSpace(c));

    private static double Percentile(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];

    [SharedFact(Corpus)]
    public void Clean_news_bodies_lose_almost_nothing()
    {
        var shares = new List<double>();
        var sharesWithoutScript = new List<double>();
        var reasons = new SortedDictionary<string, (int Blocks, long Chars)>(StringComparer.Ordinal);
        var worst = new List<(double Share, string Id)>();
        foreach (var a in Articles())
        {
            var raw = new RawArticle
            {
                Source = $"{Corpus}#{a.Id}", Format = InputFormat.JsonLines, Raw = "{}",
                Fields = new SourceFields { Id = a.Id, Title = a.Title, Lead = a.Lead.Length == 0 ? null : a.Lead, Body = a.Text },
            };
            var document = Cleaner.Process(raw);
            var total = NonSpace(a.Title) + NonSpace(a.Lead) + NonSpace(a.Text);
            var kept = NonSpace(document.Text);
            // Residue the corpus itself carries: video player scripts and embedded video cards ("…?par franceinfo").
            var script = document.Removed.Where(r => r.Reason is "script" or "embed").Sum(r => NonSpace(r.Text));
            shares.Add(1.0 - (double)kept / total);
            sharesWithoutScript.Add(1.0 - (double)(kept + script) / total);
            worst.Add((sharesWithoutScript[^1], a.Id));
            foreach (var removed in document.Removed)
            {
                var (blocks, chars) = reasons.GetValueOrDefault(removed.Reason);
                reasons[removed.Reason] = (blocks + 1, chars + NonSpace(removed.Text));
            }
        }

        var sorted = shares.Order().ToArray();
        var sortedWithoutScript = sharesWithoutScript.Order().ToArray();
        output.WriteLine($"{sorted.Length} articles; share of non-space characters dropped per article:");
        output.WriteLine($"  all reasons:       mean {sorted.Average():P3}, median {Percentile(sorted, 0.5):P3}, p90 {Percentile(sorted, 0.9):P3}, p99 {Percentile(sorted, 0.99):P3}, max {sorted[^1]:P2}; none dropped: {sorted.Count(s => s <= 0)}");
        output.WriteLine($"  not script/embed residue: mean {sortedWithoutScript.Average():P3}, p99 {Percentile(sortedWithoutScript, 0.99):P3}, max {sortedWithoutScript[^1]:P2}; over 1%: {sortedWithoutScript.Count(s => s > 0.01)}, over 5%: {sortedWithoutScript.Count(s => s > 0.05)}");
        foreach (var (reason, (blocks, chars)) in reasons) output.WriteLine($"  {reason}: {blocks} pieces, {chars} characters");
        foreach (var (share, id) in worst.OrderByDescending(w => w.Share).Take(5)) output.WriteLine($"  worst: article {id} lost {share:P2}");

        sorted.Should().HaveCount(4962);
        Percentile(sorted, 0.5).Should().Be(0, "most clean bodies lose nothing");
        sorted.Average().Should().BeLessThan(0.005);
        Percentile(sorted, 0.99).Should().BeLessThan(0.05);
        Percentile(sortedWithoutScript, 0.99).Should().BeLessThan(0.03);
        sortedWithoutScript.Count(s => s > 0.05).Should().BeLessThan(sorted.Length / 200, "fewer than 0.5% of articles lose more than 5% of their text");
        sortedWithoutScript[^1].Should().BeLessThan(0.25, "no article loses a quarter of its text apart from script and embed residue");
    }

    [SharedFact(Corpus)]
    public void Unglues_the_paragraphs_without_losing_a_character()
    {
        var cuts = new Dictionary<GlueCut, int>();
        long pieces = 0;
        foreach (var a in Articles())
        {
            var split = ParagraphUngluer.Split(a.Text);
            pieces += split.Count;
            foreach (var piece in split.Skip(1)) cuts[piece.CutBefore!.Value] = cuts.GetValueOrDefault(piece.CutBefore!.Value) + 1;
            split.Should().NotContain(p => p.Text.Length == 0 || p.Text != p.Text.Trim());
            split.Should().NotContain(p => p.IsHeading && p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 20);
            Skeleton(string.Concat(split.Select(p => p.Text))).Should().Be(Skeleton(a.Text), $"article {a.Id} keeps every character");
        }
        foreach (var (kind, count) in cuts.OrderBy(c => c.Key)) output.WriteLine($"{kind}: {count} cuts");
        output.WriteLine($"{pieces} pieces in all");

        cuts.GetValueOrDefault(GlueCut.Sentence).Should().BeGreaterThan(15000, "the corpus has thousands of glued paragraphs");
        cuts.GetValueOrDefault(GlueCut.GluedHeading).Should().BeGreaterThan(500);
        cuts.GetValueOrDefault(GlueCut.CapsHeading).Should().BeGreaterThan(100);
    }

    /// <summary>The text without white space and without the list markers a lifted subheading loses.</summary>
    private static string Skeleton(string text) =>
        new(text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '–' or '—' or '•' or '*' or '·')).ToArray());
}
