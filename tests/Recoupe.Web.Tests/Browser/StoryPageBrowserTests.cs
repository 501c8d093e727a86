using System.Net;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Recoupe.Tests.Support;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>The story page of the seeds' story in a real browser: the digest beside the articles, evidence on click.</summary>
public sealed class StoryPageBrowserTests
{
    [BrowserSharedFact("seeds")]
    public async Task Clicking_a_quotation_in_the_digest_highlights_its_evidence_in_the_right_article()
    {
        await using var server = await LiveServer.StartAsync();
        var seeds = Directory.GetFiles(SharedData.Find("seeds")!, "*.txt").Order(StringComparer.Ordinal).ToList();
        var seedIds = new List<long>();
        foreach (var seed in seeds)
        {
            var answer = await ApiJson.Read(await server.Client.PostAsync("/api/articles",
                Http.Bytes(await File.ReadAllBytesAsync(seed), "text/plain")), HttpStatusCode.OK);
            seedIds.Add(answer["items"]![0]!["id"].Long());
        }

        // The seeds' story: the one that holds most of them (they are five outlets on one event).
        var stories = (await ApiJson.Read(await server.Client.GetAsync("/api/stories?limit=200"), HttpStatusCode.OK))["items"].Arr();
        var story = stories.OrderByDescending(s => s!["articles"].Arr().Count(a => seedIds.Contains(a.Long()))).First()!;
        story["articles"].Arr().Count(a => seedIds.Contains(a.Long())).Should().BeGreaterThan(1, "the seeds tell one story");
        var storyId = story["id"].Str();
        var full = await ApiJson.Read(await server.Client.GetAsync($"/api/stories/{Uri.EscapeDataString(storyId)}"), HttpStatusCode.OK);
        var digest = full["digest"]!;
        var variants = digest["speakers"].Arr().SelectMany(s => s!["statements"].Arr()).SelectMany(st => st!["variants"].Arr()).ToList();
        variants.Should().NotBeEmpty("the seeds quote Vladimir Poutine and others");
        // A quotation from an article that is not the first column, so the page must scroll sideways to it.
        var articleIds = story["articles"].Arr().Select(a => a.Long()).ToList();
        var quote = variants.OrderByDescending(v => articleIds.IndexOf(v!["evidence"]!["articleId"].Long())).First()!;
        var evidence = quote["evidence"]!;
        var articleId = evidence["articleId"].Long();

        using var browser = new Chromium(1400, 1000);
        browser.Open($"{server.Address}/stories/{Uri.EscapeDataString(storyId)}");
        browser.Driver.FindElements(By.CssSelector("article[data-article]")).Should().HaveCount(articleIds.Count);
        browser.Driver.FindElements(By.CssSelector(".digest-section h2")).Select(h => h.Text)
            .Should().Contain(["Summary", "Who said what", "Figures by source", "Coverage", "Timeline"]);
        browser.Driver.FindElements(By.CssSelector(".evidence")).Should().BeEmpty("nothing is highlighted before a click");

        var button = browser.Driver.FindElement(By.CssSelector(
            $"button[data-kind='quote'][data-article-id='{articleId}'][data-start='{evidence["start"].Int()}'][data-end='{evidence["end"].Int()}']"));
        button.Text.Should().Contain(quote["text"].Str());
        browser.Script("arguments[0].scrollIntoView({block: 'center'});", button);
        button.Click();

        var highlighted = browser.Driver.FindElements(By.CssSelector(".evidence"));
        highlighted.Should().NotBeEmpty();
        string.Concat(highlighted.Select(h => h.GetAttribute("textContent"))).Should().Be(evidence["text"].Str());
        // Every highlighted piece is in the quotation's own article, and that article is marked.
        browser.Script("return [...document.querySelectorAll('.evidence')].every(e => e.closest('article').dataset.article === arguments[0]);",
            articleId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Be(true);
        browser.Driver.FindElements(By.CssSelector(".evidence-article")).Select(a => a.GetAttribute("data-article"))
            .Should().Equal(articleId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Scrolled to: the first highlighted piece is inside the window and inside its column.
        var visible = browser.Script(
            """
            const e = document.querySelector('.evidence').getBoundingClientRect();
            const c = document.querySelector('.evidence').closest('article').getBoundingClientRect();
            return e.top >= 0 && e.bottom <= window.innerHeight && e.left >= c.left - 1 && e.right <= Math.min(c.right, window.innerWidth) + 1;
            """);
        visible.Should().Be(true, "the page scrolls the evidence into view");
        browser.Script("return document.documentElement.scrollWidth <= window.innerWidth;")
            .Should().Be(true, "the articles scroll sideways in their own box; the page itself does not");
        browser.Driver.FindElement(By.Id("digest")).Displayed.Should().BeTrue();

        var screenshot = browser.Screenshot("story-page");
        File.Exists(screenshot).Should().BeTrue();
    }
}
