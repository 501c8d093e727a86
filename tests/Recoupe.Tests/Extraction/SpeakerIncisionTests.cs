using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Error classes of the tune split of gold/quotes (issue 15), each checked on a tune article itself (read from
/// ../shared, nothing copied here): an incise whose verb the data does not know, a colon introduction, "pour X", a bare
/// name as the cue's subject, words opening on a verb, a title after a work's noun. Positions come from the words the
/// articles give.
/// </summary>
public class SpeakerIncisionTests
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private const string Pages = "corpus/html-readability-dev/pages";
    private static readonly Lazy<Dictionary<string, string>> Articles = new(() => Read("5215", "32995", "33372", "33195", "8254", "34214"));

    private static Dictionary<string, string> Read(params string[] ids) =>
        SharedData.Find(Corpus) is { } path ? Recoupe.Cli.Evaluation.ExtractionGoldSets.ReadFrNewsDocuments(path, ids.ToHashSet()) : [];

    private static Document Extract(string id) => Extractor.Run(Extractor.FromText(Articles.Value[id], id, "fr"));

    private static IEnumerable<Quotation> Marked(Document d) => d.Quotes.Where(q => q.Kind != QuoteKind.Indirect);

    /// <summary>The quotation whose closing mark comes just before <paramref name="words"/>.</summary>
    private static Quotation EndingBefore(Document d, string words)
    {
        var at = d.Text.IndexOf(words, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the article holds « {words} »");
        return Marked(d).Where(q => q.End <= at && at - q.End < 6).Should().ContainSingle().Subject;
    }

    [SharedFact(Corpus)]
    public void An_incise_whose_verb_the_data_does_not_know_names_the_speaker_before_the_chain_of_earlier_quotations()
    {
        var d = Extract("5215");

        EndingBefore(d, "s'enthousiasme Riyaad Minty").SpeakerName.Should().Contain("Minty");
    }

    [SharedFact(Corpus)]
    public void An_incise_reads_past_the_agency_spoken_to_to_the_speaker_named_after_it()
    {
        var d = Extract("32995");

        EndingBefore(d, "affirme à l'AFP Narjes Bahhar").SpeakerName.Should().Contain("Bahhar").And.NotContain("AFP");
    }

    [SharedFact(Corpus)]
    public void Words_after_a_colon_belong_to_the_subject_that_opens_the_colons_sentence()
    {
        var d = Extract("33372");
        var colon = d.Text.IndexOf("transmettre un message:", StringComparison.Ordinal);

        var message = Marked(d).Where(q => q.Start > colon && q.Start - colon < 30).Should().ContainSingle().Subject;

        message.SpeakerName.Should().Contain("Westwood", "the sentence the colon ends opens on her name; her husband is only named in an aside");
    }

    [SharedFact(Corpus)]
    public void A_preposition_and_a_person_closing_the_sentence_after_the_marks_name_whose_view_they_give()
    {
        var d = Extract("33195");

        EndingBefore(d, ", pour Sanna Karkkainen").SpeakerName.Should().Contain("Karkkainen");
    }

    [SharedFact(Corpus)]
    public void Words_that_open_on_a_verb_whose_subject_stands_outside_the_marks_are_a_partial_quotation()
    {
        var d = Extract("8254");
        var at = d.Text.IndexOf("n'ont aucun effet psychoactif", StringComparison.Ordinal);

        Marked(d).Where(q => q.Start == at).Should().ContainSingle().Which.Kind.Should().Be(QuoteKind.Partial);
    }

    [SharedFact(Corpus)]
    public void A_capitalised_title_after_a_works_noun_and_a_comma_is_not_a_quotation()
    {
        var d = Extract("34214");
        var at = d.Text.IndexOf("Un soldat en déroute", StringComparison.Ordinal);

        at.Should().BeGreaterThan(0);
        Marked(d).Should().NotContain(q => q.Start == at, "« son premier livre, \"…\" » names a book");
    }

    [SharedFact(Pages)]
    public void A_short_term_in_marks_with_no_cue_and_no_speaker_anywhere_is_not_a_quotation()
    {
        var path = Path.Combine(SharedData.Find(Pages)!, "lazy-image-1", "expected.txt");
        var d = Extractor.Run(Extractor.FromText(File.ReadAllText(path), "lazy-image-1", "en"));
        var at = d.Text.IndexOf("clinic flame", StringComparison.Ordinal);

        at.Should().BeGreaterThan(0);
        Marked(d).Should().NotContain(q => q.Start == at, "a tool's name in marks reports nobody's words");
    }

    [SharedFact(Pages)]
    public void A_name_the_entities_do_not_hold_in_the_subject_slot_of_an_english_incise_speaks()
    {
        var path = Path.Combine(SharedData.Find(Pages)!, "yahoo-3", "expected.txt");
        var d = Extractor.Run(Extractor.FromText(File.ReadAllText(path), "yahoo-3", "en"));

        EndingBefore(d, "said Hicks").SpeakerName.Should().Contain("Hicks");
    }
}
