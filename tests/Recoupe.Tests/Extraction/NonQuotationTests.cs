using FluentAssertions;
using Recoupe.Cli.Evaluation;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Quote-marked spans that hold no one's words (issue 15), on the quotation gold: its documents are read from
/// ../shared, the spans from gold/quotes (offsets only).
/// </summary>
public sealed class NonQuotationTests(ITestOutputHelper output)
{
    private static QuoteGoldFiles? Gold(ITestOutputHelper output)
    {
        var files = QuoteGoldFiles.Load(SharedData.RepoRoot, SharedData.Root, out var skipped);
        if (files is null) output.WriteLine($"not measured: {skipped}");
        return files;
    }

    /// <summary>Each primary gold document with its text, its split and what extraction makes of it.</summary>
    private static IEnumerable<(QuoteGoldDocument Gold, string Split, string Text, Document Document)> Documents(QuoteGoldFiles files)
    {
        var splitOf = files.Selection.ToDictionary(s => (s.Set, s.Id), s => s.Split);
        foreach (var gold in files.Primary.GroupBy(d => (d.Set, d.Id)).Select(g => g.First()))
        {
            var text = files.TextOf(gold.Set, gold.Id);
            if (text is null || !splitOf.TryGetValue((gold.Set, gold.Id), out var split)) continue;
            yield return (gold, split, text, Extractor.Run(Extractor.FromText(text, $"{gold.Set}/{gold.Id}", QuoteGoldEvaluation.LanguageOf(gold.Set))));
        }
    }

    private static bool Taken(Document doc, QuoteGoldSpan span) =>
        doc.Quotes.Any(q => q.Kind is QuoteKind.Direct or QuoteKind.Partial && q.Start == span.Start && q.End == span.End);

    /// <summary>The first character after the closing mark and the blanks after it.</summary>
    private static char After(string text, int end)
    {
        var k = end;
        while (k < text.Length && !char.IsWhiteSpace(text[k]) && !char.IsLetterOrDigit(text[k]) && text[k] != '(') k++; // the closing mark
        while (k < text.Length && text[k] == ' ') k++;
        return k < text.Length ? text[k] : '\0';
    }

    [Fact]
    public void The_frozen_split_takes_no_more_non_quotations_than_the_level_reached_and_keeps_its_quotations()
    {
        if (Gold(output) is not { } files) return;
        var report = files.Score();
        foreach (var (part, scores) in report.Parts) output.WriteLine(scores.Report(part));
        // Reached: fr frozen 12/57 (21.1 %, was 14/57), en frozen 5/44 (11.4 %, was 6/44 before speakerless short terms
        // were left out); quotations found fr 216/229, en 66/73 (unchanged). The target, 5 %, is not reached.
        if (report.Parts.TryGetValue("fr frozen", out var fr) && fr.NotQuoteTotal >= 20)
        {
            fr.NotQuoteTakenRate.Should().BeLessThanOrEqualTo(0.22);
            fr.QuotationsFound.Recall.Should().BeGreaterThanOrEqualTo(0.94);
        }
        if (report.Parts.TryGetValue("en frozen", out var en) && en.NotQuoteTotal >= 20)
        {
            en.NotQuoteTakenRate.Should().BeLessThanOrEqualTo(0.12);
            en.QuotationsFound.Recall.Should().BeGreaterThanOrEqualTo(0.90);
        }
    }

    [Fact]
    public void A_capitalised_title_in_marks_followed_by_its_details_in_brackets_is_no_quotation()
    {
        if (Gold(output) is not { } files) return;
        var seen = 0;
        foreach (var (gold, _, text, doc) in Documents(files))
            foreach (var span in gold.Spans.Where(s => s.Kind == QuoteGold.NotQuote && char.IsUpper(text[s.Start]) && After(text, s.End) == '('))
            {
                seen++;
                Taken(doc, span).Should().BeFalse($"{gold.Set} {gold.Id} at {span.Start} is a title with its details after it");
            }
        output.WriteLine($"{seen} titles followed by brackets in the gold");
        seen.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_label_the_article_puts_in_marks_three_times_or_more_without_a_speaker_is_no_quotation()
    {
        if (Gold(output) is not { } files) return;
        int seen = 0, taken = 0;
        foreach (var (gold, _, text, doc) in Documents(files))
        {
            // the gold's own non-quotations whose words (folded, without a plural s) come back three times or more in marks
            static string Key(string s) => Recoupe.Core.Text.TextFolding.Fold(s.Trim().ToLowerInvariant()).TrimEnd('s', '.', ',');
            var counts = gold.Spans.GroupBy(s => Key(text[s.Start..s.End])).ToDictionary(g => g.Key, g => g.Count());
            foreach (var span in gold.Spans.Where(s => s.Kind == QuoteGold.NotQuote && counts[Key(text[s.Start..s.End])] >= 3
                                                       && gold.Spans.Where(o => Key(text[o.Start..o.End]) == Key(text[s.Start..s.End])).All(o => o.Kind == QuoteGold.NotQuote)))
            {
                seen++;
                if (!Taken(doc, span)) continue;
                taken++;
                output.WriteLine($"taken: {gold.Set} {gold.Id} at {span.Start}");
            }
        }
        // (a label once followed by a naming verb, "also called X", still passes for words someone said: 6 of 45 here)
        output.WriteLine($"{taken} of {seen} repeated labels in the gold taken as quotations");
        seen.Should().BeGreaterThan(0);
        ((double)taken / seen).Should().BeLessThanOrEqualTo(0.2);
    }
}
