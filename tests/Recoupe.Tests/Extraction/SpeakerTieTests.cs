using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Speaker error classes of the tune split of gold/quotes (issue 15) fixed by structure, each checked on a tune
/// document itself (read from ../shared, nothing copied here): an inverted speech subject a pronoun goes on for, a
/// description in apposition after a name, an incise written subject first, an unnamed speaker in incise position,
/// a body that opens the clause holding the marks.
/// </summary>
public class SpeakerTieTests
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private const string Pages = "corpus/html-readability-dev/pages";
    private static readonly Lazy<Dictionary<string, string>> Articles = new(() => Read("18662", "18715", "8254", "10580"));

    private static Dictionary<string, string> Read(params string[] ids) =>
        SharedData.Find(Corpus) is { } path ? Recoupe.Cli.Evaluation.ExtractionGoldSets.ReadFrNewsDocuments(path, ids.ToHashSet()) : [];

    private static Document Extract(string id) => Extractor.Run(Extractor.FromText(Articles.Value[id], id, "fr"));

    private static Document ExtractPage(string page) =>
        Extractor.Run(Extractor.FromText(File.ReadAllText(Path.Combine(SharedData.Find(Pages)!, page, "expected.txt")), page, "en"));

    private static IEnumerable<Quotation> Marked(Document d) => d.Quotes.Where(q => q.Kind != QuoteKind.Indirect);

    /// <summary>The quotation whose closing mark comes just before <paramref name="words"/>.</summary>
    private static Quotation EndingBefore(Document d, string words)
    {
        var at = d.Text.IndexOf(words, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the document holds « {words} »");
        return Marked(d).Where(q => q.End <= at && at - q.End < 6).Should().ContainSingle().Subject;
    }

    /// <summary>The quotation that opens right after <paramref name="words"/> (a mark between).</summary>
    private static Quotation StartingAfter(Document d, string words)
    {
        var at = d.Text.IndexOf(words, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the document holds « {words} »");
        var after = at + words.Length;
        return Marked(d).Where(q => q.Start >= after && q.Start - after < 4).Should().ContainSingle().Subject;
    }

    [SharedFact(Corpus)]
    public void A_pronoun_incise_speaks_for_the_inverted_subject_of_the_speech_verb_before_rather_than_the_subject_opening_the_sentence()
    {
        var d = Extract("18662");

        EndingBefore(d, ", a-t-il ajouté au micro").SpeakerName.Should().Contain("Lecornu", "« …, a annoncé Sébastien Lecornu » names who speaks next");
    }

    [SharedFact(Corpus)]
    public void A_description_in_apposition_after_the_name_in_the_incise_gives_way_to_the_name()
    {
        var d = Extract("18715");

        EndingBefore(d, ", explique Jamie").SpeakerName.Should().Be("Jamie");
    }

    [SharedFact(Pages)]
    public void An_english_incise_after_a_question_mark_names_its_speaker_subject_first()
    {
        var d = ExtractPage("seattletimes-1");

        EndingBefore(d, " Forte said.\n\nThat could").SpeakerName.Should().Contain("Forte");
    }

    [SharedFact(Pages)]
    public void A_name_and_a_speech_verb_closing_the_sentence_of_the_marks_after_a_comma_name_the_speaker()
    {
        var d = ExtractPage("wapo-1");

        EndingBefore(d, " while they were in power, Azzouz said").SpeakerName.Should().Contain("Azzouz");
    }

    [SharedFact(Corpus)]
    public void An_unnamed_speaker_in_incise_position_speaks_and_the_pronoun_after_goes_on_for_it_rather_than_a_name_typed_wrong()
    {
        var d = Extract("8254");

        EndingBefore(d, " anticipe la propriétaire").SpeakerName.Should().Contain("propriétaire");
        EndingBefore(d, " explique t-elle").SpeakerName.Should().Contain("propriétaire", "no person came up as a subject since she spoke");
    }

    [SharedFact(Corpus)]
    public void Marks_in_the_predicate_of_a_clause_opened_by_a_body_take_that_body_rather_than_a_person_named_sentences_before()
    {
        var d = Extract("10580");

        StartingAfter(d, "forces de sécurité de ").SpeakerName.Should().ContainEquivalentOf("gouvernement");
    }

    [SharedFact(Pages)]
    public void A_lone_word_between_the_marks_comma_and_a_person_is_the_incises_verb_even_when_the_lexicon_does_not_know_it()
    {
        var d = ExtractPage("nytimes-3");

        EndingBefore(d, " instructed Milton Velez").SpeakerName.Should().Contain("Velez");
    }

    [SharedFact(Pages)]
    public void A_place_qualifying_the_noun_before_an_incises_name_is_passed_and_the_name_speaks()
    {
        var d = ExtractPage("schema-org-context-object");

        // "“…,” Seoul resident Margie Kim said after Yoon’s address": Yoon is in the object, Margie Kim the subject
        EndingBefore(d, " Seoul resident Margie Kim").SpeakerName.Should().Contain("Margie Kim");
    }

    [SharedFact(Pages)]
    public void A_name_before_an_apposition_between_commas_is_the_subject_and_a_possessor_after_the_verb_is_none()
    {
        var d = ExtractPage("schema-org-context-object");

        // "Lee, the Democratic Party leader, said Yoon’s “unconstitutional …”": neither the party nor Yoon speaks
        StartingAfter(d, "Democratic Party leader, said Yoon’s").SpeakerName.Should().Contain("Lee");
    }
}
