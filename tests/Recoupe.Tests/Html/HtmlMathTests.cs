using Recoupe.Core.Html;

namespace Recoupe.Tests.Html;

/// <summary>MathML formulas inside the text, on pages written for these tests.</summary>
public sealed class HtmlMathTests
{
    private const string Sentence =
        "The council's engineers say the bridge will carry more traffic, and the report gives the load they used for it.";

    [Fact]
    public void A_mathml_formula_stays_in_its_sentence_as_its_symbols_without_its_tex_annotation()
    {
        var html = "<html><body><article><h1>Bridge load</h1>" +
                   $"<p>{Sentence}</p>" +
                   "<p>The load is <math><semantics><mrow><mi>F</mi><mo>=</mo><mi>m</mi><mo>&#x2062;</mo><msup><mi>v</mi><mn>2</mn></msup></mrow>" +
                   "<annotation encoding=\"application/x-tex\">F = m v^2</annotation></semantics></math>, which the engineers checked twice.</p>" +
                   $"<p>{Sentence}</p></article></body></html>";

        var text = HtmlArticleExtractor.Extract(html).Text;

        text.Should().Contain("The load is").And.Contain("F = m").And.Contain("v 2").And.Contain("which the engineers checked twice")
            .And.NotContain("v^2");
    }

    [Fact]
    public void A_formula_hidden_for_screen_readers_is_not_read_twice()
    {
        var html = "<html><body><article><h1>Bridge load</h1>" +
                   $"<p>{Sentence}</p>" +
                   "<p>The load is <span style=\"display: none\"><math><mi>q</mi><mo>=</mo><mi>w</mi></math></span>, which the engineers checked twice.</p>" +
                   $"<p>{Sentence}</p></article></body></html>";

        HtmlArticleExtractor.Extract(html).Text.Should().NotContain("q = w");
    }

    [Fact]
    public void A_display_formula_on_its_own_line_under_a_subheading_is_kept_as_its_symbols()
    {
        var html = "<html><body><article><h1>Bridge load</h1>" +
                   $"<p>{Sentence}</p><h2>The load equations</h2>" +
                   "<div><math display=\"block\"><mtable><mtr><mtd><mi>F</mi><mo>=</mo><mi>m</mi><mi>a</mi></mtd></mtr>" +
                   "<mtr><mtd><mi>p</mi><mo>=</mo><mi>m</mi><mi>v</mi></mtd></mtr></mtable></math></div>" +
                   $"<p>{Sentence}</p></article></body></html>";

        HtmlArticleExtractor.Extract(html).Text.Should().Contain("F = m a").And.Contain("p = m v");
    }

    [Fact]
    public void A_short_line_of_words_and_operators_after_the_story_is_no_formula_and_stays_out()
    {
        var html = "<html><body><article><h1>Bridge load</h1>" +
                   $"<p>{Sentence}</p><p>{Sentence}</p><div>Home > News > World > Europe</div>" +
                   "</article></body></html>";

        HtmlArticleExtractor.Extract(html).Text.Should().NotContain("World > Europe");
    }
}
