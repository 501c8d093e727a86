using System.Net;
using OpenQA.Selenium;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

public sealed class ArticlePageBrowserTests
{
    [BrowserFact]
    public async Task Article_page_highlights_annotations_and_the_evidence_named_in_its_address()
    {
        await using var server = await LiveServer.StartAsync();
        var stored = await ApiJson.Read(await server.Client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain")), HttpStatusCode.OK);
        var id = stored["items"]![0]!["id"].Long();
        var article = await ApiJson.Read(await server.Client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        var quote = article["quotes"].Arr().First(q => q!["text"].Str().Contains("reculerons"))!["evidence"]!;

        using var browser = new Chromium(390, 844); // a phone
        browser.Open($"{server.Address}/articles/{id}#{quote["start"].Int()}-{quote["end"].Int()}");
        var highlighted = browser.Driver.FindElements(By.CssSelector($"article[data-article='{id}'] .evidence"));
        string.Concat(highlighted.Select(s => s.Text)).Should().Be(quote["text"].Str());
        browser.Driver.FindElements(By.CssSelector(".quote")).Should().NotBeEmpty();
        browser.Driver.FindElements(By.CssSelector(".ent-person")).Select(e => e.Text).Should().Contain("Jean Dupont");
        browser.Driver.FindElements(By.CssSelector(".fig")).Select(e => e.Text).Should().Contain("1 200 000");
        // Nothing wider than the phone's screen.
        var overflow = (long)browser.Script("return document.documentElement.scrollWidth - window.innerWidth;")!;
        overflow.Should().BeLessThanOrEqualTo(0);
        browser.Screenshot("article-phone");
    }
}
