using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Recoupe.Store.Sqlite;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>The sources view: each watched source with its health, from the store's source state, in the reader's language.</summary>
public sealed class SourcesPageBrowserTests
{
    [BrowserFact]
    public async Task Each_source_shows_its_last_success_errors_and_items_a_day_and_a_failing_one_is_marked_in_the_readers_language()
    {
        await using var server = await LiveServer.StartAsync();
        // A healthy source added ten days ago with 1,234 articles (123.4 a day), one failing now, one not polled yet.
        var now = DateTime.UtcNow;
        var lastSuccess = new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc);
        using (var sources = new SqliteSourceStore(Path.Combine(server.Folder, "live.db")))
        {
            sources.Add("https://desk.example/feed.xml", "Desk", TimeSpan.FromMinutes(5), now - TimeSpan.FromDays(10), out var healthy);
            sources.SaveState(healthy.Id, healthy.State with { Kind = "feed", LastPoll = lastSuccess, LastSuccess = lastSuccess, Items = 1234, TotalErrors = 1 });
            sources.Add("https://wire.example/sitemap.xml", "Wire", TimeSpan.FromMinutes(10), now - TimeSpan.FromDays(10), out var failing);
            sources.SaveState(failing.Id, failing.State with
            {
                Kind = "sitemap", LastPoll = lastSuccess, LastSuccess = lastSuccess - TimeSpan.FromDays(1), Errors = 3, TotalErrors = 5,
                LastError = "HTTP 503 Service Unavailable", Items = 40,
            });
            sources.Add("https://new.example/", null, TimeSpan.FromHours(1), now, out _);
        }
        var api = (await ApiJson.Read(await server.Client.GetAsync("/api/sources"), HttpStatusCode.OK)).Arr();
        api.Should().HaveCount(3);
        api[0]!["itemsPerDay"]!.GetValue<double>().Should().BeApproximately(123.4, 0.01);

        using var browser = new Chromium(1280, 900, language: "fr-FR");
        browser.Open($"{server.Address}/");
        browser.Driver.FindElement(By.CssSelector("header .nav-link")).Click();
        WaitReady(browser, "Sources surveillées");
        new Uri(browser.Driver.Url).AbsolutePath.Should().Be("/sources");
        var rows = browser.Driver.FindElements(By.CssSelector(".sources-table tbody tr"));
        rows.Select(r => r.GetAttribute("data-source-id")).Should().Equal(api.Select(s => s!["id"].Long().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        rows.Select(r => r.GetAttribute("data-health")).Should().Equal("ok", "failing", "new");
        Cell(rows[0], "source-items").Should().MatchRegex(@"^1\s234$", "French groups digits with a space");
        Cell(rows[0], "source-per-day").Should().Be("123,4");
        Cell(rows[0], "source-last-success").Should().Contain("mars").And.Contain("2026");
        Cell(rows[0], "source-errors").Should().Be("0 d’affilée, 1 en tout");
        Cell(rows[1], "source-errors").Should().Contain("3 d’affilée, 5 en tout").And.Contain("HTTP 503 Service Unavailable");
        Cell(rows[1], "source-health").Should().Be("en échec");
        Cell(rows[2], "source-last-success").Should().Be("jamais");
        Cell(rows[1], "source-kind").Should().Be("plan du site");
        Cell(rows[2], "source-next").Should().Be("maintenant", "a source just added is due at once");
        browser.Driver.FindElement(By.CssSelector(".sources-summary")).Text.Should().Be("3 sources, dont 1 en échec");
        browser.Screenshot("sources-fr");

        browser.Script("const s = document.getElementById('lang-switch'); s.value = 'en'; s.dispatchEvent(new Event('change'));");
        WaitReady(browser, "Watched sources");
        rows = browser.Driver.FindElements(By.CssSelector(".sources-table tbody tr"));
        Cell(rows[0], "source-items").Should().Be("1,234");
        Cell(rows[0], "source-per-day").Should().Be("123.4");
        Cell(rows[0], "source-last-success").Should().Contain("Mar");
        Cell(rows[1], "source-errors").Should().Contain("3 in a row, 5 in all");
        Cell(rows[2], "source-health").Should().Be("not polled yet");
        browser.Screenshot("sources-en");
    }

    private static string Cell(IWebElement row, string cls) => row.FindElement(By.ClassName(cls)).Text.Trim();

    private static void WaitReady(Chromium browser, string title) =>
        new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(20)).Until(d =>
            d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true" &&
            d.FindElements(By.CssSelector("main h1")).FirstOrDefault()?.Text == title);
}
