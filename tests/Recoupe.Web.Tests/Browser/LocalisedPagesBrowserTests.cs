using System.Net;
using OpenQA.Selenium;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>The story and article pages in the browser's language: their words from wwwroot/i18n, their dates in its locale.</summary>
public sealed class LocalisedPagesBrowserTests
{
    [BrowserFact]
    public async Task A_story_and_an_article_read_in_a_french_browser_speak_french_and_an_english_browser_gets_english()
    {
        await using var server = await LiveServer.StartAsync();
        await Samples.PostAll(server.Client);
        var stories = (await ApiJson.Read(await server.Client.GetAsync("/api/stories?limit=200"), HttpStatusCode.OK))["items"].Arr();
        var story = stories.OrderByDescending(s => s!["size"].Int()).First()!;
        var storyId = story["id"].Str();
        var articleId = story["articles"].Arr()[0].Long();

        using (var browser = new Chromium(1400, 1000, language: "fr-FR"))
        {
            browser.Open($"{server.Address}/stories/{Uri.EscapeDataString(storyId)}");
            browser.Script("return document.documentElement.lang;").Should().Be("fr");
            browser.Driver.FindElements(By.CssSelector(".digest-section h2")).Select(h => h.Text)
                .Should().Equal("Résumé", "Exclusivités et contradictions", "Qui a dit quoi", "Chiffres par source", "Couverture", "Chronologie");
            browser.Driver.FindElement(By.CssSelector("#story-head .story-meta")).Text.Should().Contain($"{story["size"].Int()} articles").And.Contain("mars");
            browser.Driver.FindElements(By.CssSelector("article .article-meta time")).Select(t => t.Text).Should().OnlyContain(t => t.Length == 0 || t.Contains("mars"));
            browser.Driver.FindElement(By.CssSelector(".legend")).Text.Should().Contain("personne").And.Contain("lieu").And.Contain("citation").And.Contain("chiffre");
            browser.Driver.FindElement(By.CssSelector("header button[type=submit]")).Text.Should().Be("Chercher");
            browser.Screenshot("story-page-fr");

            browser.Open($"{server.Address}/articles/{articleId}");
            browser.Driver.FindElement(By.CssSelector(".legend")).Text.Should().Contain("personne");
            browser.Driver.FindElement(By.CssSelector(".article-meta time")).Text.Should().Contain("mars");
            browser.Driver.FindElements(By.CssSelector(".article-text .quote")).Select(q => q.GetAttribute("title")).Should().NotBeEmpty().And.OnlyContain(t => t!.Contains("citation ", StringComparison.Ordinal));
        }

        using (var browser = new Chromium(1400, 1000, language: "en-GB"))
        {
            browser.Open($"{server.Address}/stories/{Uri.EscapeDataString(storyId)}");
            browser.Script("return document.documentElement.lang;").Should().Be("en");
            browser.Driver.FindElements(By.CssSelector(".digest-section h2")).Select(h => h.Text)
                .Should().Equal("Summary", "Exclusives and contradictions", "Who said what", "Figures by source", "Coverage", "Timeline");
            browser.Driver.FindElement(By.CssSelector("#story-head .story-meta")).Text.Should().Contain("Mar");
            browser.Driver.FindElement(By.CssSelector(".legend")).Text.Should().Contain("person").And.Contain("quotation");
        }
    }
}
