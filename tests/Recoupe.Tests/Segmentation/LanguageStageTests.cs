using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Segmentation;

public class LanguageStageTests
{
    private static Document Identify(string text, string? claimed = null)
    {
        var raw = new RawArticle
        {
            Source = "test", Format = InputFormat.Text, Raw = text,
            Fields = new SourceFields { Language = claimed },
        };
        var draft = new ArticleDraft(raw);
        draft.Blocks.Add(new Block(text));
        var document = Pipeline.BuildDocument(draft);
        new SegmentStage().Run(document);
        new LanguageStage().Run(document);
        return document;
    }

    [Theory]
    [InlineData("fr", "Le gouvernement a annoncé mardi qu'il allait réduire les impôts des ménages les plus modestes dès l'an prochain.")]
    [InlineData("en", "The government said on Tuesday that it would cut taxes for the poorest households from next year onwards.")]
    [InlineData("de", "Die Regierung hat am Dienstag angekündigt, dass sie die Steuern für die ärmsten Haushalte im nächsten Jahr senken wird.")]
    [InlineData("es", "El gobierno anunció el martes que bajará los impuestos de los hogares más pobres a partir del próximo año.")]
    [InlineData("it", "Il governo ha annunciato martedì che ridurrà le tasse per le famiglie più povere a partire dal prossimo anno.")]
    [InlineData("pt", "O governo anunciou na terça-feira que vai reduzir os impostos das famílias mais pobres a partir do próximo ano.")]
    [InlineData("nl", "De regering heeft dinsdag aangekondigd dat zij de belastingen voor de armste huishoudens vanaf volgend jaar zal verlagen.")]
    public void Identifies_news_sentences(string expected, string text)
    {
        var metadata = Identify(text).Metadata;
        metadata.Language.Should().Be(expected);
        metadata.LanguageConfidence.Should().BeGreaterThan(0.6);
    }

    [Fact]
    public void English_article_with_french_names_stays_english()
    {
        var text = "French President François Hollande will travel to Moscow on Thursday to meet Vladimir Putin, the Elysée said. "
            + "The two leaders are expected to discuss the coordination of air strikes against Islamic State in Syria, "
            + "a spokesman for the Kremlin told reporters in the capital.";
        Identify(text, claimed: "fr").Metadata.Language.Should().Be("en");
    }

    [Fact]
    public void Too_short_text_is_undetermined_unless_the_source_claim_agrees_with_it()
    {
        Identify("Vladimir Poutine").Metadata.Language.Should().Be("und");
        Identify("Moscou, le 20").Metadata.Language.Should().Be("und");
        var claimed = Identify("Moscou, le 20", claimed: "fr-FR").Metadata;
        claimed.Language.Should().Be("fr");
        claimed.LanguageConfidence.Should().BeInRange(0.01, 0.5);
        // A claim the text does not support is not taken.
        Identify("Vladimir Poutine", claimed: "fr").Metadata.Language.Should().Be("und");
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void French_news_corpus_is_identified_as_french()
    {
        var lines = File.ReadLines(SharedData.Find("corpus/fr-news/articles.jsonl")!).Take(500).ToList();
        var french = 0;
        foreach (var line in lines)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var r = json.RootElement;
            var text = string.Join("\n\n", new[] { "title", "heading", "text" }
                .Select(f => r.GetProperty(f).GetString()).Where(s => !string.IsNullOrWhiteSpace(s)));
            if (Identify(text).Metadata.Language == "fr") french++;
        }
        (french / (double)lines.Count).Should().BeGreaterThanOrEqualTo(0.99);
    }

    [SharedFact("seeds")]
    public void Seeds_are_french()
    {
        foreach (var file in Directory.GetFiles(SharedData.Find("seeds")!, "*.txt"))
            Identify(File.ReadAllText(file)).Metadata.Language.Should().Be("fr", Path.GetFileName(file));
    }
}
