using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Browser;

/// <summary>Issue 17, defect 4, in a real browser: a page elsewhere cannot store articles; the server's own page can.</summary>
public sealed class CrossSiteBrowserTests
{
    [BrowserFact]
    public async Task A_page_on_another_origin_cannot_store_articles_with_a_form_or_a_no_cors_fetch()
    {
        await using var server = await LiveServer.StartAsync();
        using var browser = new Chromium();
        var target = $"{server.Address}/api/articles";

        // A page of another site on this machine (localhost, not 127.0.0.1) sends a text/plain form and a no-cors fetch.
        var page = $"""
            <html><body>
            <form id="f" method="post" enctype="text/plain" action="{target}"><input name="Titre piégé par un formulaire" value="{Articles.French("un formulaire")}"></form>
            </body></html>
            """;
        await using var elsewhere = await HostileSite(page);
        browser.Driver.Navigate().GoToUrl(elsewhere.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/");
        var fetched = browser.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: arguments[1] })
              .then(r => done('answer ' + r.type), e => done('network error'));
            """, target, Articles.French("une requête no-cors"));
        // The request is sent either way; the page never sees the answer (the server's Cross-Origin-Resource-Policy
        // makes it a network error for the page). What counts is that nothing was stored, checked below.
        fetched.Should().BeOneOf("answer opaque", "network error");
        browser.Script("document.getElementById('f').submit();");
        await WaitFor(() => browser.Driver.PageSource.Contains("Cross-site write refused"), "the form's answer");

        var status = await ApiJson.Read(await server.Client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(0, "neither the form nor the fetch stored anything");

        // The server's own page may still write (same origin).
        browser.Open($"{server.Address}/");
        var own = browser.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            fetch('/api/articles', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: arguments[0] })
              .then(r => done(r.status), e => done('error ' + e));
            """, Articles.French("la page du serveur"));
        Convert.ToInt32(own, System.Globalization.CultureInfo.InvariantCulture).Should().Be(200);
        status = await ApiJson.Read(await server.Client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(1);
    }

    /// <summary>A bare web server on another loopback port that serves one page.</summary>
    private static async Task<WebApplication> HostileSite(string page)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        await site.StartAsync();
        return site;
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited 20 s for {what}");
    }
}
