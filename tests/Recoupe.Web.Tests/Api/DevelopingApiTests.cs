using System.Net;
using Recoupe.Web.Api;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary><c>/api/developing</c> (the front page's ranking) and <c>/api/ui/strings</c> (its words by language).</summary>
public sealed class DevelopingApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Stories_are_ranked_by_outlets_then_articles_gained_in_the_window_each_with_its_coverage_and_first_and_latest_article()
    {
        var client = _app.CreateClient();
        await Samples.PostAll(client);
        var page = await ApiJson.Read(await client.GetAsync("/api/developing?hours=72&limit=100"), HttpStatusCode.OK);
        var items = page["items"].Arr();
        items.Should().NotBeEmpty();
        page["windowHours"].GetValue<double>().Should().Be(72);
        var reference = DateTime.Parse(page["reference"].Str()).ToUniversalTime();
        var keys = items.Select(s => (New: s!["newOutlets"].Arr().Count, Recent: s["recentArticles"].Int(), Outlets: s["outlets"].Int())).ToList();
        keys.Select(k => k.New * 10000 + k.Recent * 100 + k.Outlets).Should().BeInDescendingOrder("outlets gained first, then articles gained, then outlets");
        foreach (var story in items)
        {
            var coverage = story!["coverage"].Arr();
            coverage.Sum(c => c!["articles"].Int()).Should().Be(story["size"].Int());
            coverage.Sum(c => c!["recent"].Int()).Should().Be(story["recentArticles"].Int()).And.BeGreaterThan(0);
            var first = DateTime.Parse(story["first"]!["published"].Str()).ToUniversalTime();
            var latest = DateTime.Parse(story["latest"]!["published"].Str()).ToUniversalTime();
            first.Should().BeOnOrBefore(latest);
            latest.Should().BeAfter(reference.AddHours(-72)).And.BeOnOrBefore(reference);
            var article = await ApiJson.Read(await client.GetAsync($"/api/articles/{story["latest"]!["id"].Long()}"), HttpStatusCode.OK);
            article["title"].Str().Should().Be(story["latest"]!["title"].Str());
        }
        (await ApiJson.Read(await client.GetAsync("/api/developing?hours=1&limit=100"), HttpStatusCode.OK))["items"].Arr().Count
            .Should().BeLessThan(items.Count, "a shorter window holds fewer stories");
    }

    [Theory]
    [InlineData(null, "de-DE,fr;q=0.8,en;q=0.5", "fr")]
    [InlineData(null, "en-GB,fr;q=0.9", "en")]
    [InlineData(null, "de, it;q=0.5", "en")]
    [InlineData("fr", "en-US", "fr")]
    [InlineData("xx", "fr-CA", "fr")]
    public void The_pages_language_is_the_switchs_else_the_first_of_accept_language_we_have_else_english(string? asked, string accept, string expected) =>
        UiStrings.Choose(asked, accept).Should().Be(expected);

    [Fact]
    public async Task Every_language_has_every_string_of_english()
    {
        var client = _app.CreateClient();
        var english = (await ApiJson.Read(await client.GetAsync("/api/ui/strings?lang=en"), HttpStatusCode.OK))["strings"]!.AsObject();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ui/strings");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var french = await ApiJson.Read(await client.SendAsync(request), HttpStatusCode.OK);
        french["lang"].Str().Should().Be("fr");
        french["strings"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(english.Select(p => p.Key));
        french["strings"]!["developing.title"].Str().Should().Be("En développement");
    }
}
