using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// The errors issue 15 found on fr-news articles extraction had never seen, each checked on the article itself (read
/// from ../shared, nothing copied here): positions are found from the names the articles give.
/// </summary>
public class SpeakerRegressionTests
{
    private const string Corpus = "corpus/fr-news/articles.jsonl";
    private static readonly Lazy<Dictionary<string, string>> Articles = new(() => Read("1362", "7589", "7391", "19981"));

    private static Dictionary<string, string> Read(params string[] ids) =>
        SharedData.Find(Corpus) is { } path ? Recoupe.Cli.Evaluation.ExtractionGoldSets.ReadFrNewsDocuments(path, ids.ToHashSet()) : [];

    private static Document Extract(string id) => Extractor.Run(Extractor.FromText(Articles.Value[id], id, "fr"));

    private static IEnumerable<Quotation> Marked(Document d) => d.Quotes.Where(q => q.Kind != QuoteKind.Indirect);

    private static bool Names(Quotation q, string name) => q.SpeakerName?.Contains(name, StringComparison.Ordinal) == true;

    [SharedFact(Corpus)]
    public void Words_quoted_after_Khamenei_are_not_given_to_the_man_whose_death_they_judge()
    {
        var d = Extract("1362");
        var named = d.Text.IndexOf("Khamenei", StringComparison.Ordinal);
        var sentence = d.Sentences.First(s => s.Start <= named && named < s.End);

        var his = Marked(d).Where(q => q.Start > named && q.End <= sentence.End).ToList();

        his.Should().NotBeEmpty();
        his.Should().NotContain(q => Names(q, "Floyd"), "the name follows « la mort de »: it is no subject");
    }

    [SharedFact(Corpus)]
    public void The_Popes_words_are_not_given_to_the_candidate_quoted_in_the_paragraph_before()
    {
        var d = Extract("1362");
        var pope = d.Text.IndexOf("pape François", StringComparison.Ordinal);
        var sentenceEnd = d.Sentences.Where(s => s.End > pope).Min(s => s.End);
        var popes = Marked(d).Where(q => q.Start > pope && q.End <= Math.Max(sentenceEnd, pope + 400)).ToList();
        // the section heading between dashes, a run-on text glues it to the sentences around it
        var heading = Marked(d).Where(q => q.Start < pope && pope - q.End < 10).ToList();

        popes.Should().NotBeEmpty();
        popes.Should().NotContain(q => Names(q, "Biden"));
        heading.Should().NotContain(q => Names(q, "Biden"), "a heading between dashes is reached by no cue of the sentences around it");
    }

    [SharedFact(Corpus)]
    public void A_launch_directors_words_are_not_given_to_the_head_of_the_agency_named_later()
    {
        var d = Extract("7589");
        var director = d.Text.IndexOf("directeur du lancement", StringComparison.Ordinal);
        var firstNamed = d.Text.IndexOf("Bridenstine", StringComparison.Ordinal);

        var announced = Marked(d).Where(q => q.End < director && director - q.End < 60).ToList();

        firstNamed.Should().BeGreaterThan(director);
        announced.Should().ContainSingle().Which.SpeakerName.Should().NotContain("Bridenstine").And.Contain("directeur");
    }

    [SharedFact(Corpus)]
    public void A_subject_with_its_apposition_before_a_speech_verb_is_not_reported_speech()
    {
        var d = Extract("7391");
        var name = d.Text.IndexOf("Dmitri Rogozine", StringComparison.Ordinal);

        d.Quotes.Should().NotContain(q => q.Start <= name && name < q.End && q.End <= name + "Dmitri Rogozine".Length + 1);
    }

    [SharedFact(Corpus)]
    public void A_question_put_to_the_president_is_not_his_quotation()
    {
        var d = Extract("19981");
        var asked = d.Text.IndexOf("lui a demandé", StringComparison.Ordinal);

        var question = Marked(d).Where(q => q.End < asked && asked - q.End < 6).ToList();

        question.Should().ContainSingle().Which.SpeakerName.Should().NotContain("Macron");
    }
}

public class PipelineContractTests
{
    [Fact]
    public void A_pipeline_whose_quotation_stage_comes_before_segmentation_is_refused_when_built()
    {
        var build = () => new Recoupe.Core.Pipeline.Pipeline([], [new QuoteStage(), new Recoupe.Core.Segmentation.SegmentStage()]);

        build.Should().Throw<InvalidOperationException>().WithMessage("*stage 'quotes' requires 'segment'*");
        Recoupe.Core.Pipeline.DefaultPipeline.Create().Annotate.Should().Contain(s => s.Name == "quotes");
    }
}
