using System.Net;
using System.Xml.Linq;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary><c>/feeds/stories.atom</c> and <c>/api/alerts</c>: the story alerts the server finds as articles are posted.</summary>
public sealed class AlertsApiTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly RecoupeAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Posting_the_samples_puts_their_developing_stories_in_the_atom_feed_which_answers_304_until_a_new_alert()
    {
        var client = _app.CreateClient();
        var empty = await client.GetAsync("/feeds/stories.atom");
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        XDocument.Parse(await empty.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry").Should().BeEmpty();

        await Samples.PostAll(client);
        var response = await client.GetAsync("/feeds/stories.atom");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        feed.Name.Should().Be(Atom + "feed");
        foreach (var required in new[] { "id", "title", "updated", "author" }) feed.Element(Atom + required).Should().NotBeNull(required);
        var entries = feed.Elements(Atom + "entry").ToList();
        entries.Should().NotBeEmpty();
        entries.Select(e => e.Element(Atom + "id")!.Value).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id.StartsWith("urn:recoupe:story:s"));
        foreach (var entry in entries)
        {
            var story = entry.Element(Atom + "link")!.Attribute("href")!.Value;
            (await client.GetAsync(new Uri(story).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK, story);
            DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        var etag = response.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.atom");
        again.Headers.IfNoneMatch.Add(etag);
        (await client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var alerts = (await ApiJson.Read(await client.GetAsync("/api/alerts"), HttpStatusCode.OK)).Arr();
        alerts.Should().NotBeEmpty();
        alerts.Select(a => a!["kind"].Str()).Should().Contain("story.new");
        alerts.Should().OnlyContain(a => a!["text"].Str().Length > 0 && a["id"].Str().Length > 0);
    }
}
