using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Speakers found through the structure of the sentence (the subject of the quotation's own verb, indefinite and plural
/// descriptions, a pronoun that stands for nobody), each on a fr-news article of the gold's tune split read from
/// ../shared (nothing copied here): positions are found from the words the articles use.
/// </summary>
public class SpeakerStructureTests
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private static readonly Lazy<Dictionary<string, string>> Articles = new(() =>
        SharedData.Find(Corpus) is { } path ? Recoupe.Cli.Evaluation.ExtractionGoldSets.ReadFrNewsDocuments(path, new HashSet<string> { "25241", "1418", "18225" }) : []);

    private static Document Extract(string id) => Extractor.Run(Extractor.FromText(Articles.Value[id], id, "fr"));

    private static IEnumerable<Quotation> Marked(Document d) => d.Quotes.Where(q => q.Kind != QuoteKind.Indirect);

    [SharedFact(Corpus)]
    public void An_indefinite_description_after_the_verb_is_the_speaker_as_written_not_a_name_linked_to_it()
    {
        var d = Extract("25241");
        var cue = d.Text.IndexOf("déplore un avocat", StringComparison.Ordinal);

        var quote = Marked(d).Where(q => q.End <= cue && cue - q.End < 5).Should().ContainSingle().Subject;

        quote.SpeakerName.Should().Be("un avocat", "« un » brings in someone the article has not named");
        quote.SpeakerKey.Should().Be("un-avocat", "its key is its own words, not the key of a person it was linked to");
    }

    [SharedFact(Corpus)]
    public void A_plural_subject_no_entity_holds_speaks_rather_than_the_person_named_before()
    {
        var d = Extract("1418");
        var subject = d.Text.IndexOf("Les trois médecins y estimaient", StringComparison.Ordinal);
        var sentenceEnd = d.Sentences.First(s => s.Start <= subject && subject < s.End).End;

        var theirs = Marked(d).Where(q => q.Start > subject && q.End <= sentenceEnd).ToList();

        theirs.Should().NotBeEmpty();
        theirs.Should().OnlyContain(q => q.SpeakerName != null && q.SpeakerName.Contains("médecins"));
    }

    [SharedFact(Corpus)]
    public void Words_heard_by_an_indefinite_on_are_nobodys_rather_than_the_man_the_article_is_about()
    {
        var d = Extract("18225");
        var heard = d.Text.IndexOf("on peut ainsi entendre", StringComparison.Ordinal);
        var sentenceEnd = d.Sentences.First(s => s.Start <= heard && heard < s.End).End;

        var heardWords = Marked(d).Where(q => q.Start > heard && q.End <= sentenceEnd).ToList();

        heardWords.Should().NotBeEmpty();
        heardWords.Should().OnlyContain(q => q.SpeakerName == null && q.SpeakerConfidence < SpeakerConfidence.Floor);
    }
}
