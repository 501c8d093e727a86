using Recoupe.Core.Html;

namespace Recoupe.Tests.Html;

/// <summary>Authors read from a byline element of the markup, on pages written for these tests.</summary>
public sealed class HtmlBylineElementTests
{
    private static string Page(string byline) =>
        "<html><body><article><h1>Council votes budget</h1>" + byline +
        string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"<p>Paragraph {i} of the report tells how the council voted, who spoke against the plan, and what the new budget will cost.</p>")) +
        "</article></body></html>";

    [Fact]
    public void A_byline_whose_name_link_runs_into_a_date_with_its_weekday_gives_the_linked_name()
    {
        var html = Page("<div class=\"article-author\"><a href=\"/latest?author=alee\"><span>Ann Lee</span></a> <span>Monday, February 29, 2016 @ 11:10 PM UTC</span></div>");
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee");
    }

    [Fact]
    public void A_byline_that_goes_on_past_its_link_without_a_date_keeps_its_whole_line()
    {
        var html = Page("<div class=\"article-author\"><a href=\"/auteur/alee\">Ann Lee</a> (avec Bob Stone)</div>");
        HtmlArticleExtractor.Extract(html).Authors.Should().Equal("Ann Lee (avec Bob Stone)");
    }
}
