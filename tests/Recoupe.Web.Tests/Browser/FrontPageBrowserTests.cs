using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>The front page of what is developing, in a French browser and after switching to English.</summary>
public sealed class FrontPageBrowserTests
{
    [BrowserFact]
    public async Task Developing_stories_come_in_the_apis_order_with_coverage_bars_in_the_browsers_language_and_the_switch_changes_it()
    {
        await using var server = await LiveServer.StartAsync();
        await Samples.PostAll(server.Client);
        var developing = await ApiJson.Read(await server.Client.GetAsync("/api/developing?limit=8"), HttpStatusCode.OK);
        var expected = developing["items"].Arr();
        expected.Should().NotBeEmpty();

        using var browser = new Chromium(1280, 900, language: "fr-FR");
        browser.Open($"{server.Address}/");
        browser.Script("return document.documentElement.lang;").Should().Be("fr");
        browser.Driver.FindElement(By.CssSelector("#developing h1")).Text.Should().Be("En développement");
        browser.Driver.FindElement(By.CssSelector("#filters button[type=submit]")).Text.Should().Be("Filtrer");
        var cards = browser.Driver.FindElements(By.CssSelector(".developing-card"));
        cards.Select(c => c.GetAttribute("data-story-id")).Should().Equal(expected.Select(s => s!["id"].Str()), "the API's ranking, by growth");
        for (var i = 0; i < cards.Count; i++)
        {
            var segments = cards[i].FindElements(By.CssSelector(".coverage-bar .coverage-segment"));
            var coverage = expected[i]!["coverage"].Arr();
            segments.Select(s => s.GetAttribute("data-outlet")).Should().Equal(coverage.Select(c => c!["outlet"]?.GetValue<string>() ?? "média inconnu"));
            segments.Sum(s => int.Parse(s.GetAttribute("data-articles")!)).Should().Be(expected[i]!["size"].Int());
            // Wider segments for outlets with more articles.
            var widths = segments.Select(s => s.Size.Width).ToList();
            for (var j = 1; j < widths.Count; j++)
                if (coverage[j]!["articles"].Int() < coverage[j - 1]!["articles"].Int()) widths[j].Should().BeLessThan(widths[j - 1]);
        }
        // Dates in the reader's language: the samples are of March 2026.
        browser.Driver.FindElements(By.CssSelector(".developing-card time")).Select(t => t.Text).Should().Contain(t => t.Contains("mars"));
        browser.Screenshot("front-page-fr");

        browser.Script("const s = document.getElementById('lang-switch'); s.value = 'en'; s.dispatchEvent(new Event('change'));");
        new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(20)).Until(d =>
            d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true" &&
            d.FindElements(By.CssSelector("#developing h1")).FirstOrDefault()?.Text == "Developing");
        browser.Script("return document.documentElement.lang;").Should().Be("en");
        browser.Driver.FindElements(By.CssSelector(".developing-card time")).Select(t => t.Text).Should().Contain(t => t.Contains("Mar"));
        browser.Driver.FindElements(By.CssSelector(".developing-card")).Should().HaveCount(cards.Count);
        browser.Screenshot("front-page-en");
    }
}
