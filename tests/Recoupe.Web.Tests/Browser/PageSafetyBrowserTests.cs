using System.Net;
using OpenQA.Selenium;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>Hostile article text in a real browser: it shows as text and runs nothing.</summary>
public sealed class PageSafetyBrowserTests
{
    private const string Hostile =
        "<script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\"> <a href=\"javascript:window.pwned = 3\">cliquez ici</a>";

    [BrowserFact]
    public async Task Script_tags_event_handlers_and_javascript_links_show_as_text_and_run_nothing()
    {
        await using var server = await LiveServer.StartAsync();
        var text = Articles.French() + "\n\nUn message reçu par la rédaction contenait ceci : " + Hostile;
        var asText = await ApiJson.Read(await server.Client.PostAsync("/api/articles", Http.Body(text, "text/plain")), HttpStatusCode.OK);
        var textId = asText["items"]![0]!["id"].Long();
        var json = Articles.Json("<img src=x onerror=\"window.pwned = 4\">Titre piégé", Articles.French("la loi sur les ponts"),
            url: "javascript:window.pwned = 5");
        var asJson = await ApiJson.Read(await server.Client.PostAsync("/api/articles", Http.Body(json, "application/json")), HttpStatusCode.OK);
        var jsonId = asJson["items"]![0]!["id"].Long();

        using var browser = new Chromium();
        browser.Open($"{server.Address}/articles/{textId}");
        var panel = browser.Driver.FindElement(By.CssSelector($"article[data-article='{textId}']"));
        panel.Text.Should().Contain("<script>window.pwned = 1</script>", "the tag is shown as the text it is");
        panel.Text.Should().Contain("onerror=\"window.pwned = 2\"");
        panel.FindElements(By.CssSelector("script, img, iframe, object")).Should().BeEmpty();
        panel.FindElements(By.CssSelector("a")).Select(a => a.GetAttribute("href") ?? "")
            .Should().OnlyContain(href => href.StartsWith(server.Address), "only the page's own links are links");
        browser.Screenshot("hostile-article");

        browser.Open($"{server.Address}/articles/{jsonId}");
        var title = browser.Driver.FindElement(By.CssSelector($"article[data-article='{jsonId}'] .article-title, article[data-article='{jsonId}'] .para-title"));
        title.Text.Should().StartWith("<img src=x onerror=");
        browser.Driver.FindElements(By.CssSelector("main img")).Should().BeEmpty();
        browser.Driver.FindElements(By.CssSelector("a[href^='javascript']")).Should().BeEmpty("a javascript: url is never made a link");

        // Search snippets carry the same text.
        browser.Open($"{server.Address}/search?q=pwned");
        browser.Driver.FindElement(By.Id("results")).Text.Should().Contain("window.pwned");
        browser.Driver.FindElements(By.CssSelector("#results img, #results script")).Should().BeEmpty();

        browser.Script("return typeof window.pwned;").Should().Be("undefined", "no script, handler or link from an article ran");
    }
}
