using FluentAssertions;
using Recoupe.Core.Html;
using Xunit;

namespace Recoupe.Tests.Html;

/// <summary>Metadata read from pages written here: JSON-LD, Open Graph, the page title and bylines, in their order of trust.</summary>
public class HtmlMetadataTests
{
    private const string Body = """
        <article><h1>Harbour pier reopens to walkers</h1>
        <p>The harbour master confirmed on Monday that the pier will reopen to walkers in June after repairs to its deck.</p>
        <p>Anglers will have to wait until August, when the lower platform has been strengthened against winter storms.</p></article>
        """;

    [Fact]
    public void Json_ld_wrapped_in_cdata_is_read()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title><script type="application/ld+json"><![CDATA[
            {"@type":"NewsArticle","headline":"Harbour pier reopens to walkers","author":{"@type":"Person","name":"Ann Lee"},
             "publisher":{"@type":"Organization","name":"Coast Gazette"} }
            ]]></script></head><body>{{Body}}</body></html>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.Authors.Should().Equal("Ann Lee");
        extraction.Outlet.Should().Be("Coast Gazette");
    }

    [Fact]
    public void The_json_ld_name_is_the_title_when_the_headline_is_a_tagline_the_page_title_does_not_carry()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers - Coast Wiki</title><script type="application/ld+json">
            {"@type":"Article","name":"Harbour pier reopens to walkers","headline":"local news of the northern shore"}
            </script></head><body>{{Body.Replace("<h1>Harbour pier reopens to walkers</h1>", "")}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Title.Should().Be("Harbour pier reopens to walkers");
    }

    [Fact]
    public void The_json_ld_headline_is_trusted_before_an_og_title_carrying_the_site_name()
    {
        var html = $$"""
            <html><head><title>Pier news</title><meta property="og:title" content="Harbour pier reopens | Coast Gazette">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour pier reopens","name":"Coast Gazette"}</script>
            </head><body>{{Body.Replace("<h1>Harbour pier reopens to walkers</h1>", "")}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Title.Should().Be("Harbour pier reopens");
    }

    [Fact]
    public void A_site_logo_set_in_an_h1_is_not_taken_for_the_headline_the_page_title_also_holds()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers · Gazette</title></head><body>
            <header><h1><a href="/">Gazette</a></h1></header>
            {{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Title.Should().Be("Harbour pier reopens to walkers");
    }

    // Spanish and Portuguese "y" / "e" also join the parts of one person's name (García y Pérez): one author per line here.
    [Theory]
    [InlineData("de", "Von Anna Schmidt und Jonas Weber", new[] { "Anna Schmidt", "Jonas Weber" })]
    [InlineData("es", "Por María García", new[] { "María García" })]
    [InlineData("pt", "Por João Silva", new[] { "João Silva" })]
    public void A_byline_line_in_the_page_language_names_the_authors_and_stays_out_of_the_body(
        string language, string byline, string[] authors)
    {
        var html = $$"""
            <html lang="{{language}}"><head><title>Stadtrat beschließt neuen Radweg</title></head><body><div class="beitrag">
            <h1>Stadtrat beschließt neuen Radweg</h1><p>{{byline}}</p>
            <p>Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, entlang des Flussufers einen neuen Radweg zu bauen.</p>
            <p>Die Strecke soll knapp vier Kilometer lang werden und die Altstadt mit dem Neubaugebiet im Norden verbinden.</p>
            </div></body></html>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.Authors.Should().Equal(authors);
        extraction.Text.Should().StartWith("Der Stadtrat");
    }

    [Fact]
    public void An_author_element_among_several_itemprop_tokens_gives_the_author()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title></head><body>
            <p itemprop="author creator" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Ann Lee</span></p>
            {{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void A_rel_author_link_to_a_profile_is_passed_over_for_the_byline_that_names_someone()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title><link rel="author" content="https://social.example/+AnnLee"></head>
            <body><span class="pb-byline">Ann Lee</span>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void A_repeated_author_meta_tag_gives_every_author_and_a_profile_link_is_passed_over()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title>
            <meta name="DC.Creator" content="https://social.example/annlee">
            <meta property="article:author" content="Ann Lee"><meta property="article:author" content="Tom Reid">
            </head><body>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee", "Tom Reid");
    }

    [Fact]
    public void A_byline_running_on_into_its_date_keeps_the_name_without_the_month()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title></head>
            <body><div class="byline">Ann Lee March 25, 2015</div>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void A_byline_class_beside_a_vcard_class_still_names_the_author()
    {
        var html = $$"""
            <html><head><title>Harbour pier reopens to walkers</title></head>
            <body><cite class="byline vcard top-line"><span class="fn">Ann Lee</span></cite>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void The_publication_time_is_the_earlier_of_json_ld_date_published_and_an_article_published_time_refreshed_on_update()
    {
        var html = $$"""
            <html><head><meta property="article:published_time" content="2024-03-05T09:30:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-04T18:00:00Z","dateModified":"2024-03-05T09:30:00Z"}</script>
            </head><body>{{Body}}</body></html>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.Published.Should().Be(new DateTime(2024, 3, 4, 18, 0, 0, DateTimeKind.Utc));
        extraction.Modified.Should().Be(new DateTime(2024, 3, 5, 9, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_json_ld_publication_time_finer_than_the_meta_tag_s_same_second_is_kept_whole()
    {
        var html = $$"""
            <html><head><meta property="article:published_time" content="2024-03-04T18:00:00">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-04T18:00:00.250"}</script>
            </head><body>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Published.Should().Be(new DateTime(2024, 3, 4, 18, 0, 0, 250));
    }

    [Fact]
    public void A_later_json_ld_publication_time_gives_way_to_the_earlier_meta_tag()
    {
        var html = $$"""
            <html><head><meta property="article:published_time" content="2024-03-04T18:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-06T08:00:00Z"}</script>
            </head><body>{{Body}}</body></html>
            """;
        HtmlArticleExtractor.Extract(html).Published.Should().Be(new DateTime(2024, 3, 4, 18, 0, 0, DateTimeKind.Utc));
    }
}
