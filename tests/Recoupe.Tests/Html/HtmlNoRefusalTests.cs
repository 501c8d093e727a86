using System.Text;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Tests.Html;

/// <summary>Pages that hold an article the older extractor refused or cut, written for these tests; metadata order of trust.</summary>
public sealed class HtmlNoRefusalTests
{
    private static string Page(string head, string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>";

    private const string Menu =
        "<nav><ul><li><a href=\"/a\">Accueil</a></li><li><a href=\"/b\">Monde</a></li><li><a href=\"/c\">Sport</a></li></ul></nav>";

    [Fact]
    public void A_japanese_article_written_without_spaces_is_found_as_sentences()
    {
        var body = Menu + "<div class=\"entry\"><h1>新しい図書館が開館</h1>" +
                   "<p>市の中心部に新しい図書館が月曜日に開館し、初日から多くの市民が訪れた。</p>" +
                   "<p>館長によると、蔵書は約十万冊で、子ども向けの読書室も設けられている。</p>" +
                   "<p>市は来年度、さらに二つの分館を建設する計画を発表した。</p></div>";

        var extraction = HtmlArticleExtractor.Extract(Page("<title>新しい図書館が開館</title>", body));

        extraction.Text.Should().StartWith("市の中心部に").And.Contain("分館を建設する").And.NotContain("Accueil");
    }

    [Fact]
    public void A_negative_class_on_a_wrapper_that_holds_the_whole_article_is_ignored()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"<p>Paragraph {i} of the report says that the council voted on the new budget, after a long debate in the chamber.</p>"));
        var body = $"<div class=\"page comments-open\"><header>{Menu}</header><article><h2>Council votes</h2>{paragraphs}</article>" +
                   "<div class=\"comments\"><p>Great, thanks.</p></div></div>";

        var extraction = HtmlArticleExtractor.Extract(Page("<title>Council votes</title>", body));

        extraction.Text.Should().StartWith("Paragraph 1 of the report").And.Contain("Paragraph 4").And.NotContain("Great, thanks");
    }

    [Fact]
    public void A_paragraph_wrapped_in_a_javascript_link_reads_as_text()
    {
        var body = "<div><a href=\"javascript:void(0)\">The museum reopened on Monday after two years of work, and the first " +
                   "visitors queued from dawn to see the restored rooms and the new garden.</a></div>";

        var extraction = HtmlArticleExtractor.Extract(Page("<title>Museum</title>", body));

        extraction.Text.Should().StartWith("The museum reopened on Monday");
        extraction.Blocks[0].LinkDensity.Should().Be(0);
    }

    [Fact]
    public void A_page_without_a_clear_article_gives_its_best_text_with_a_low_confidence_and_a_warning()
    {
        var body = "<main><section><div><div>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</div></div></section></main>";

        var extraction = HtmlArticleExtractor.Extract(Page("<title>Lorem</title>", body));

        extraction.Text.Should().Be("Lorem ipsum dolor sit amet, consectetur adipiscing elit.");
        extraction.Confidence.Should().BeLessThan(0.5);
        extraction.Warnings.Should().ContainSingle().Which.Should().Contain("best candidate");
    }

    [Fact]
    public void A_clear_article_comes_with_a_high_confidence_and_no_warning()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<p>Sentence {i}: the regional train line will close for repairs in June, the operator said on Tuesday in a statement.</p>"));
        var extraction = HtmlArticleExtractor.Extract(Page("<title>Line closes</title>", Menu + $"<article>{paragraphs}</article>"));

        extraction.Confidence.Should().BeGreaterThanOrEqualTo(0.9);
        extraction.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_page_of_links_only_is_refused_with_the_reason()
    {
        var act = () => HtmlArticleExtractor.Extract(Page("<title>Index</title>", Menu));

        act.Should().Throw<ArticleRejectedException>().WithMessage("*no sentence-like text*");
    }

    [Fact]
    public void Metadata_follows_the_order_of_trust_json_ld_then_dublin_core_then_open_graph_then_meta()
    {
        const string head =
            "<title>Page title | Site</title>" +
            "<meta property=\"og:title twitter:title\" content=\"Open Graph title\">" +
            "<meta name=\"author\" content=\"Meta Author\"><meta name=\"dc:creator\" content=\"Dublin Author\">" +
            "<meta property=\"og:site_name\" content=\"Site - the tagline\">" +
            "<meta property=\"og:image\" content=\"https://example.org/lead.jpg\">" +
            "<meta property=\"article:modified_time\" content=\"2024-05-02T10:00:00+02:00\">" +
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Structured headline\"," +
            "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Site\"}}</script>";
        var body = string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"<p>Paragraph {i} tells how the harbour was dredged last winter, and what it cost the town, according to the mayor.</p>"));

        var extraction = HtmlArticleExtractor.Extract(Page(head, body));

        extraction.Title.Should().Be("Structured headline");
        extraction.Authors.Should().Equal("Dublin Author");
        extraction.Outlet.Should().Be("Site");
        extraction.Image.Should().Be("https://example.org/lead.jpg");
        extraction.Modified.Should().Be(new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Without_declared_authors_the_first_byline_element_names_the_author()
    {
        var body = "<div class=\"article-byline\">By Ann Lee | 3 March 2024</div>" + string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"<p>Paragraph {i} tells how the harbour was dredged last winter, and what it cost the town, according to the mayor.</p>")) +
            "<aside><div class=\"byline\">Other Writer</div></aside>";

        HtmlArticleExtractor.Extract(Page("<title>Harbour</title>", body)).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void Utf8_bytes_under_a_gb2312_label_are_read_as_utf8()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>谷歌</title></head>" +
                   "<body><p>谷歌在二〇一四年收购的人工智能公司开发出一款能够用自己的记忆学习新知识的计算机。</p></body></html>";

        HtmlCharset.Decode(Encoding.UTF8.GetBytes(html), null, out var used).Should().Be(html);
        used.Should().StartWith("utf-8");
    }
}

/// <summary>The extractor's confidence and warnings are kept with the stored article (in its annotations JSON).</summary>
public sealed class HtmlExtractionNoteStoreTests : IDisposable
{
    private readonly Support.TempFolder _folder = Support.TestArticles.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_stored_html_article_keeps_the_extractors_confidence_and_warnings()
    {
        var raw = new Recoupe.Core.Model.RawArticle
        {
            Source = "unclear.html", Format = Recoupe.Core.Model.InputFormat.Html,
            Raw = "<html><body><main><div><div>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</div></div></main></body></html>",
        };
        var document = Recoupe.Core.Pipeline.DefaultPipeline.Create().Process(raw);
        document.Metadata.Extraction.Should().NotBeNull();

        using var store = new Recoupe.Store.Sqlite.SqliteArticleStore(_folder.File("notes.db"));
        var id = store.Add(document).ArticleId;
        var stored = store.Get(id)!.Metadata.Extraction!;

        stored.Confidence.Should().Be(document.Metadata.Extraction!.Confidence).And.BeLessThan(0.5);
        stored.Warnings.Should().Equal(document.Metadata.Extraction.Warnings).And.NotBeEmpty();
    }
}
