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
/// Which quote-marked spans are direct quotations, partial ones or no quotation, read from the position of the marks
/// in the reporter's sentence (issue 15). Each case is a span of the quotation gold's tune split: the text is read from
/// ../shared, the span from gold/quotes, and only the opening words of the span are named here to find it.
/// </summary>
public sealed class QuoteShapeTests(ITestOutputHelper output)
{
    /// <summary>The gold spans of one document that open on these words, with what extraction makes of the document.</summary>
    private (List<QuoteGoldSpan> Spans, Document Document)? Case(string set, string id, string opening)
    {
        var files = QuoteGoldFiles.Load(SharedData.RepoRoot, SharedData.Root, out var skipped);
        if (files is null)
        {
            output.WriteLine($"not measured: {skipped}");
            return null;
        }
        var gold = files.Primary.First(d => d.Set == set && d.Id == id);
        var text = files.TextOf(set, id);
        if (text is null)
        {
            output.WriteLine($"not measured: {set} {id} is not in ../shared");
            return null;
        }
        var spans = gold.Spans.Where(s => text.AsSpan(s.Start).StartsWith(opening, StringComparison.Ordinal)).ToList();
        spans.Should().NotBeEmpty($"the gold of {set} {id} holds a span opening on \"{opening}\"");
        return (spans, Extractor.Run(Extractor.FromText(text, $"{set}/{id}", QuoteGoldEvaluation.LanguageOf(set))));
    }

    private static Quotation? Taken(Document doc, QuoteGoldSpan span) =>
        doc.Quotes.FirstOrDefault(q => q.Kind is QuoteKind.Direct or QuoteKind.Partial && q.Start == span.Start && q.End == span.End);

    private void NoQuotation(string set, string id, string opening)
    {
        if (Case(set, id, opening) is not { } found) return;
        var (spans, doc) = found;
        foreach (var span in spans)
        {
            span.Kind.Should().Be(QuoteGold.NotQuote);
            Taken(doc, span).Should().BeNull($"«{opening}» at {span.Start} in {set} {id} holds no one's words");
        }
    }

    private void Partial(string set, string id, string opening)
    {
        if (Case(set, id, opening) is not { } found) return;
        var (spans, doc) = found;
        var span = spans[0];
        span.Kind.Should().Be(QuoteGold.Partial);
        Taken(doc, span).Should().NotBeNull().And.Subject.As<Quotation>().Kind.Should().Be(QuoteKind.Partial, $"«{opening}…» is woven into the reporter's sentence");
    }

    [Fact]
    public void A_word_in_marks_after_the_noun_word_is_the_word_named_not_someones_speech() =>
        NoQuotation("fr-news", "33592", "actuelle");

    [Fact]
    public void A_capitalised_title_in_apposition_stays_a_title_when_selon_follows_it() =>
        NoQuotation("fr-news", "5215", "Yunus Emre");

    [Fact]
    public void A_slogan_its_noun_introduces_with_a_colon_is_no_quotation() =>
        NoQuotation("fr-news", "13363", "La couleur");

    [Fact]
    public void Two_joined_spans_in_marks_that_are_the_subject_of_the_reporters_verb_are_no_quotations()
    {
        NoQuotation("fr-news", "29414", "La différence d'âge");
        NoQuotation("fr-news", "29414", "l'autorité de droit");
    }

    [Fact]
    public void A_noun_in_marks_with_only_a_distant_speech_verb_and_no_speaker_is_a_term() =>
        NoQuotation("fr-news", "13159", "farceur");

    [Fact]
    public void Marks_a_preposition_governs_are_partial_even_when_they_hold_a_relative_clause() =>
        Partial("fr-news", "12378", "une augmentation du trafic");

    [Fact]
    public void Marks_opening_on_a_verb_after_a_reflexive_clitic_outside_them_are_partial() =>
        Partial("fr-news", "33543", "indigne d'autant plus");

    [Fact]
    public void Marks_joined_by_a_coordinator_to_partial_marks_before_them_are_partial() =>
        Partial("fr-news", "5215", "l'Islam politique");

    [Fact]
    public void A_quoted_verb_after_its_subject_stays_a_quotation_though_no_speaker_is_found()
    {
        if (Case("fr-news", "17230", "déconseille") is not { } found) return;
        Taken(found.Document, found.Spans[0]).Should().NotBeNull("« déconseille » is the government's word, not a term");
    }
}
