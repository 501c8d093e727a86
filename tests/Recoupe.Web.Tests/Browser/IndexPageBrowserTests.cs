using System.Net;
using OpenQA.Selenium;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>The story list, its filters and the search box in a real browser, on a laptop and on a phone.</summary>
public sealed class IndexPageBrowserTests
{
    [BrowserFact]
    public async Task Story_list_filters_and_search_box()
    {
        await using var server = await LiveServer.StartAsync();
        await Samples.PostAll(server.Client);
        var api = await ApiJson.Read(await server.Client.GetAsync("/api/stories?limit=20"), HttpStatusCode.OK);
        var expected = api["items"].Arr().Select(s => s!["id"].Str()).ToList();

        using var browser = new Chromium(1280, 900);
        browser.Open($"{server.Address}/");
        browser.Driver.FindElements(By.CssSelector(".story-card")).Select(a => a.GetAttribute("data-story-id")).Should().Equal(expected,
            "the page lists the stories in the API's order: newest, then largest");
        browser.Screenshot("story-list");

        // Filter: English only.
        browser.Driver.FindElement(By.CssSelector("#filters select[name=language]")).SendKeys("en");
        browser.Driver.FindElement(By.CssSelector("#filters button[type=submit]")).Click();
        new OpenQA.Selenium.Support.UI.WebDriverWait(browser.Driver, TimeSpan.FromSeconds(20))
            .Until(d => d.Url.Contains("language=en") && d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
        var english = await ApiJson.Read(await server.Client.GetAsync("/api/stories?limit=20&language=en"), HttpStatusCode.OK);
        browser.Driver.FindElements(By.CssSelector(".story-card")).Select(a => a.GetAttribute("data-story-id"))
            .Should().Equal(english["items"].Arr().Select(s => s!["id"].Str()));

        // The search box, accents left out.
        var box = browser.Driver.FindElement(By.CssSelector("header input[name=q]"));
        box.SendKeys("orbelis salaries");
        box.Submit();
        new OpenQA.Selenium.Support.UI.WebDriverWait(browser.Driver, TimeSpan.FromSeconds(20))
            .Until(d => d.Url.Contains("/search?q=") && d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
        var hits = browser.Driver.FindElements(By.CssSelector("#results .hit-title"));
        hits.Should().NotBeEmpty();
        browser.Driver.FindElements(By.CssSelector("#results .snippet mark")).Select(m => m.Text.ToLowerInvariant())
            .Should().Contain(m => m == "salariés" || m == "orbelis");
        browser.Screenshot("search");

        // A story page on a phone: one column, nothing wider than the screen.
        using var phone = new Chromium(400, 860);
        phone.Open($"{server.Address}/stories/{Uri.EscapeDataString(api["items"]![0]!["id"].Str())}");
        phone.Script("return document.documentElement.scrollWidth <= window.innerWidth;").Should().Be(true);
        phone.Driver.FindElements(By.CssSelector(".digest-section")).Should().NotBeEmpty();
        phone.Screenshot("story-phone");
    }
}
