using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Speakers the structure of French news prose names (issue 15, tune split of gold/quotes), checked on the articles
/// themselves (read from ../shared, nothing copied here): positions are found from words the articles give.
/// </summary>
public class SpeakerInsideMarksTests
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private static readonly Lazy<Dictionary<string, string>> Articles = new(() => Read("24137", "34664", "35383", "11657", "4149", "12399", "17021"));

    private static Dictionary<string, string> Read(params string[] ids) =>
        SharedData.Find(Corpus) is { } path ? Recoupe.Cli.Evaluation.ExtractionGoldSets.ReadFrNewsDocuments(path, ids.ToHashSet()) : [];

    private static Document Extract(string id) => Extractor.Run(Extractor.FromText(Articles.Value[id], id, "fr"));

    private static Quotation Holding(Document d, string words)
    {
        var at = d.Text.IndexOf(words, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        return d.Quotes.Where(q => q.Kind != QuoteKind.Indirect && q.Start <= at && at < q.End).Should().ContainSingle().Subject;
    }

    [SharedFact(Corpus)]
    public void An_incise_typed_inside_the_marks_names_the_unnamed_technician_not_the_minister_he_quotes()
    {
        var d = Extract("24137");

        Holding(d, ", a raconté le technicien").SpeakerName.Should().Contain("technicien");
    }

    [SharedFact(Corpus)]
    public void An_incise_inside_the_marks_skips_the_outlet_spoken_to_and_names_the_speaker()
    {
        var d = Extract("24137");

        Holding(d, ", a indiqué à France Bleu").SpeakerName.Should().Contain("Bovin");
    }

    [SharedFact(Corpus)]
    public void Ce_dernier_after_the_speech_verb_is_the_person_named_last_before_it()
    {
        var d = Extract("34664");

        Holding(d, "Nous disons au revoir").SpeakerName.Should().Contain("Cassidy");
    }

    [SharedFact(Corpus)]
    public void A_deputy_named_inside_the_ministers_relative_clause_does_not_take_over_the_next_quotation()
    {
        var d = Extract("35383");

        Holding(d, "Avant même un décret").SpeakerName.Should().Contain("Véran");
    }

    [SharedFact(Corpus)]
    public void A_pronoun_after_a_director_named_in_apposition_is_that_director_not_the_actor_named_before()
    {
        var d = Extract("11657");

        Holding(d, "Nous nous chargerons").SpeakerName.Should().Contain("Marquis");
    }

    [SharedFact(Corpus)]
    public void A_description_by_nationality_refers_back_to_the_student_who_just_spoke()
    {
        var d = Extract("4149");

        Holding(d, "aussi très démoralisant").SpeakerName.Should().Contain("Verrier");
    }

    [SharedFact(Corpus)]
    public void A_description_in_the_incise_is_the_only_woman_the_article_named_before_it()
    {
        var d = Extract("12399");

        Holding(d, "Je l'aime beaucoup").SpeakerName.Should().Contain("Valdemira");
    }

    [SharedFact(Corpus)]
    public void Explique_t_on_after_the_weather_service_spoke_is_the_weather_service()
    {
        var d = Extract("17021");

        Holding(d, "c'est essentiellement la moitié nord").SpeakerName.Should().Contain("Météo");
    }
}
