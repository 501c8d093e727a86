using System.Net;
using System.Text.RegularExpressions;
using Recoupe.Core.Html;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary>Tables in the article: a table of data stays whole; a table that lays the page out is not data.</summary>
public sealed class HtmlTableTests
{
    private const string Prose = """
        <p>The council published the sizes of the three harbour projects on Monday, after months of questions from residents.</p>
        <p>The figures below compare each project's first budget with what it is now expected to cost, in millions.</p>
        """;

    [Fact]
    public void A_grid_of_small_cells_without_header_cells_is_a_data_table_kept_whole_links_and_labels_included()
    {
        var html = $$"""
            <html><head><title>Harbour projects</title></head><body><article><h1>Harbour projects</h1>{{Prose}}
            <table><tbody>
            <tr><td><span style="font-weight:700">Project</span></td><td><span style="font-weight:700">First budget</span></td><td><span style="font-weight:700">Now</span></td></tr>
            <tr><td><a href="/pier"><span>North pier</span></a></td><td><span>12.4 M</span></td><td><span>15.1 M</span></td></tr>
            <tr><td><a href="/wall"><span>Sea wall</span></a></td><td><span>30.2 M</span></td><td><span>29.8 M</span></td></tr>
            <tr><td><a href="/dock"><span>Dry dock</span></a></td><td><span>8.0 M</span></td><td><span>11.6 M</span></td></tr>
            </tbody></table>
            <p>The sea wall is the only project expected to cost less than planned, thanks to a cheaper stone supplier.</p>
            </article></body></html>
            """;
        var text = HtmlArticleExtractor.Extract(html).Text;
        foreach (var cell in new[] { "First budget", "North pier", "12.4 M", "Dry dock", "11.6 M" }) text.Should().Contain(cell);
    }

    [Fact]
    public void A_table_whose_cells_hold_lists_of_links_lays_the_page_out_and_its_links_stay_out()
    {
        static string Menu(string name) =>
            "<ul>" + string.Concat(Enumerable.Range(1, 14).Select(i => $"<li><a href=\"/{name}/{i}\">{name} {i}</a></li>")) + "</ul>";
        var html = $$"""
            <html><head><title>Harbour projects</title></head><body><table>
            <tr><td>{{Menu("Sport")}}</td><td>{{Menu("Weather")}}</td></tr>
            <tr><td>{{Menu("Culture")}}</td><td>{{Menu("Travel")}}</td></tr>
            <tr><td>{{Menu("Money")}}</td><td><article><h1>Harbour projects</h1>{{Prose}}</article></td></tr>
            </table></body></html>
            """;
        var text = HtmlArticleExtractor.Extract(html).Text;
        text.Should().Contain("harbour projects on Monday");
        text.Should().NotContain("Weather 3");
    }

    [SharedFact("corpus/html-readability-dev")]
    public void On_a_page_whose_data_table_marks_its_header_with_bold_text_only_every_cell_is_in_the_body()
    {
        // links-in-tables (tuning split): a table of app sizes whose header row is td cells with bold spans.
        var page = HtmlDevSet.LoadPage(Path.Combine(SharedData.Find("corpus/html-readability-dev")!, "pages", "links-in-tables"))!;
        page.Frozen.Should().BeFalse();
        static string Squeeze(string s) => Regex.Replace(s, "\\s+", " ").Trim();
        var body = Squeeze(HtmlArticleExtractor.Extract(page.Html).Text);
        var table = Regex.Matches(page.Html, "<table.*?</table>", RegexOptions.Singleline)
            .Select(m => m.Value).Single(t => Regex.Matches(t, "<td").Count >= 12);
        var cells = Regex.Matches(table, "<td.*?</td>", RegexOptions.Singleline)
            .Select(m => Squeeze(WebUtility.HtmlDecode(Regex.Replace(m.Value, "<[^>]+>", " ")))).Where(c => c.Length > 0).ToList();
        cells.Should().HaveCountGreaterThanOrEqualTo(12);
        foreach (var cell in cells) body.Should().Contain(cell);
    }
}
