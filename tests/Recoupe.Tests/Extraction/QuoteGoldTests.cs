using Xunit.Abstractions;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Evaluation;

namespace Recoupe.Tests.Extraction;

/// <summary>The quotation gold's reader, its checks, its scorer and the readers' agreement, on a text written here.</summary>
public class QuoteGoldTests
{
    // (a text of ours: a quotation with an incise, a scare word, a reported clause)
    private const string Text = "Le maire Paul Girard a parlé. « Nous rouvrirons l'école lundi », a déclaré Paul Girard. Les « anciens » sont venus. Il a annoncé que la route serait refaite.";

    private static int At(string part) => Text.IndexOf(part, StringComparison.Ordinal);

    private static string Line(string kind, string part, string? speaker, string reader = "A") =>
        $$"""{"id": 7, "reader": "{{reader}}", "spans": [{"start": {{At(part)}}, "end": {{At(part) + part.Length}}, "kind": "{{kind}}", "speaker": {{(speaker is null ? "null" : $"\"{speaker}\"")}}}], "reported": []}""";

    [Fact]
    public void A_span_that_does_not_sit_between_quotation_marks_is_named_by_file_and_line_and_left_out()
    {
        var good = Line("direct", "Nous rouvrirons l'école lundi", "Paul Girard");
        var bad = Line("not-quote", "sont venus", null);

        var read = QuoteGold.Read("gold/quotes/fr-news.a.jsonl", good + "\n" + bad + "\n", _ => Text);

        read.Documents.Should().ContainSingle().Which.Set.Should().Be("fr-news");
        read.Problems.Should().ContainSingle().Which.Should().StartWith("fr-news.a.jsonl:2: span").And.Contain("not between quotation marks");
    }

    [Fact]
    public void Direct_quotations_score_with_their_speaker_and_a_taken_scare_word_is_counted()
    {
        var gold = QuoteGold.Read("fr-news.a.jsonl", Line("direct", "Nous rouvrirons l'école lundi", "Paul Girard"), _ => Text).Documents.Single();
        var notQuote = gold with { Spans = [.. gold.Spans, new QuoteGoldSpan(At("anciens"), At("anciens") + 7, QuoteGold.NotQuote, null, null, null, null)] };
        var document = Extractor.Run(Extractor.FromText(Text, "test", "fr"));

        var scores = QuoteGoldScorer.Score([(notQuote, document)]);

        scores.DirectWithSpeaker.GoldFound.Should().Be(1);
        scores.SpeakerAccuracy.Should().Be(1);
        scores.NotQuoteTotal.Should().Be(1);
        scores.NotQuoteTaken.Should().Be(document.Quotes.Any(q => q.Start == At("anciens")) ? 1 : 0);
    }

    [Fact]
    public void Readers_who_differ_on_one_kind_of_two_get_a_kappa_below_one_and_their_speakers_compared()
    {
        var a = QuoteGold.Read("fr-news.a.jsonl", Line("direct", "Nous rouvrirons l'école lundi", "Paul Girard"), _ => Text).Documents;
        var b = QuoteGold.Read("second-reader.fr-news.jsonl", Line("partial", "Nous rouvrirons l'école lundi", "Girard", "C"), _ => Text).Documents;

        var same = GoldAgreement.Compare(a, a);
        var differ = GoldAgreement.Compare(a, b);

        same.KindAgreement.Should().Be(1);
        differ.Documents.Should().Be(1);
        differ.KindAgreed.Should().Be(0);
        differ.SpeakerAgreement.Should().Be(1, "\"Girard\" and \"Paul Girard\" are one speaker");
        GoldAgreement.Kappa([("direct", "direct"), ("not-quote", "not-quote"), ("direct", "partial"), ("partial", "partial")]).Should().BeInRange(0.5, 0.7);
    }
}

/// <summary>
/// The frozen split of gold/quotes (issue 15) as floors, at the level reached (targets: French F1 ≥ 0.90 with ≤ 5 %
/// non-quotations taken, English ≥ 0.88; not reached: see the branch's report). Whatever documents the gold holds are used.
/// </summary>
public class QuoteGoldFrozenFloorTests(ITestOutputHelper output)
{
    [Fact]
    public void The_frozen_split_stays_above_its_floors()
    {
        var files = Recoupe.Cli.Evaluation.QuoteGoldFiles.Load(Recoupe.Tests.Support.SharedData.RepoRoot, Recoupe.Tests.Support.SharedData.Root, out var skipped);
        if (files is null)
        {
            output.WriteLine($"not measured: {skipped}");
            return;
        }
        var report = files.Score();
        foreach (var (part, scores) in report.Parts) output.WriteLine(scores.Report(part));

        report.Problems.Should().BeEmpty("the gold's spans sit between quotation marks");
        // Floors a little under the level reached on the whole gold (fr frozen 0.654, was 0.591, with 21.1 % of
        // non-quotations taken, speaker right on 0.662 of the quotations found, was 0.625; en frozen 0.624, was 0.592),
        // not the targets (0.90 / 5 %, 0.88): a drop below them is a regression.
        if (report.Parts.TryGetValue("fr frozen", out var fr) && fr.DirectWithSpeaker.Gold >= 20)
        {
            fr.DirectWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.65);
            fr.SpeakerAccuracy.Should().BeGreaterThanOrEqualTo(0.65);
            fr.NotQuoteTakenRate.Should().BeLessThanOrEqualTo(0.30);
        }
        if (report.Parts.TryGetValue("en frozen", out var en) && en.DirectWithSpeaker.Gold >= 20)
            en.DirectWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.61);
        // tune, as a guard of the English rules tuned on it (e15z: 0.789 -> 0.808)
        if (report.Parts.TryGetValue("en tune", out var enTune) && enTune.DirectWithSpeaker.Gold >= 20)
            enTune.DirectWithSpeaker.F1.Should().BeGreaterThanOrEqualTo(0.80);
    }
}
