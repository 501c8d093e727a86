using System.Text.RegularExpressions;
using Recoupe.Core.Html;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary>
/// Metadata on single pages of html-readability-dev's tuning split, read from ../shared at run time (no page text is
/// kept here). Where Readability's expected value differs from ours by design (the &lt;title&gt; with its site suffix), the
/// test checks our value against the page's own signals instead. The byline is the credit line as shown, as Readability
/// writes it; the author names are read from it without its "By" and date.
/// </summary>
public sealed class HtmlDevPageMetadataTests
{
    private const string DevSet = "corpus/html-readability-dev";

    private static HtmlDevPage Page(string name)
    {
        var page = HtmlDevSet.LoadPage(Path.Combine(SharedData.Find(DevSet)!, "pages", name))!;
        page.Frozen.Should().BeFalse("tests read tuning-split pages only");
        return page;
    }

    [SharedTheory(DevSet)]
    [InlineData("medium-3")]
    [InlineData("schema-org-context-object")]
    [InlineData("videos-2")]
    public void The_publication_time_is_json_ld_s_date_published_when_the_meta_tag_carries_a_later_update(string name)
    {
        var result = HtmlDevSet.Evaluate(Page(name));
        result.Metadata["published"].Should().BeTrue(string.Join("; ", result.Misses.Select(m => $"{m.Field}: {m.Got} vs {m.Expected}")));
    }

    [SharedTheory(DevSet)]
    [InlineData("gmw")]
    [InlineData("lwn-1")]
    [InlineData("qq")]
    public void The_title_is_the_headline_without_the_site_name_the_page_title_appends(string name)
    {
        var page = Page(name);
        var title = HtmlArticleExtractor.Extract(page.Html).Title!;
        // Readability gives the whole <title>: ours is its start, shorter by the site's part.
        page.Metadata.Title.Should().StartWith(title.TrimEnd()).And.NotBe(title);
        Regex.IsMatch(page.Html, "<h1[^>]*>\\s*" + Regex.Escape(title) + "\\s*</h1>").Should().BeTrue("the title is the page's headline");
    }

    [SharedTheory(DevSet)]
    [InlineData("wapo-1")]
    [InlineData("quanta-1")]
    [InlineData("medicalnewstoday")]
    [InlineData("yahoo-3")]
    public void A_byline_line_gives_the_name_without_its_by_cue_or_date(string name)
    {
        var page = Page(name);
        var authors = HtmlArticleExtractor.Extract(page.Html).Authors;
        authors.Should().ContainSingle();
        page.Metadata.Byline.Should().StartWithEquivalentOf("By ").And.Contain(authors[0]);
        authors[0].Should().NotStartWithEquivalentOf("by ").And.NotContainAny("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    [SharedTheory(DevSet)]
    [InlineData("wapo-1")]
    [InlineData("quanta-1")]
    [InlineData("medicalnewstoday")]
    [InlineData("yahoo-3")]
    public void The_byline_is_the_credit_line_as_the_page_shows_it_and_the_authors_are_its_names(string name)
    {
        var extraction = HtmlArticleExtractor.Extract(Page(name).Html);
        extraction.Byline.Should().StartWith("By ").And.Contain(extraction.Authors.Single());
        extraction.Authors.Single().Should().NotStartWithEquivalentOf("by ");
    }

    [SharedTheory(DevSet)]
    [InlineData("cnet")]
    [InlineData("nytimes-3")]
    public void An_author_element_with_a_schema_org_name_gives_that_name_as_its_byline(string name)
    {
        var page = Page(name);
        var extraction = HtmlArticleExtractor.Extract(page.Html);
        Regex.IsMatch(page.Html, "itemprop=\"name\"[^>]*>\\s*" + Regex.Escape(extraction.Byline!) + "\\s*<").Should().BeTrue();
        extraction.Byline.Should().NotContainAny("0", "1", "2", "3", "4", "5", "6", "7", "8", "9").And.NotStartWithEquivalentOf("by ");
    }

    [SharedFact(DevSet)]
    public void The_article_author_meta_names_the_author_before_bylines_of_other_articles_on_the_page()
    {
        var page = Page("herald-sun-1");
        var named = Regex.Match(page.Html, "<meta name=\"article:author\" content=\"([^\"]+)\"").Groups[1].Value;
        named.Should().NotBeEmpty();
        HtmlArticleExtractor.Extract(page.Html).Authors.Should().Equal(named);
    }
}
