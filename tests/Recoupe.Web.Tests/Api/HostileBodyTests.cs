using System.Net;
using System.Text;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary>Request bodies built to hurt the body reading (issue 17): bombs, broken strings, wrong types, other charsets.</summary>
public sealed class HostileBodyTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public HostileBodyTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> Post(byte[] body, string mediaType) =>
        _client.PostAsync("/api/articles", Http.Bytes(body, mediaType));

    private static byte[] GzipFeedBomb(long fill) => Recoupe.Tests.Support.GzipBombs.Of(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Bombe</title><description>""", fill,
        "</description></item></channel></rss>");

    [Fact]
    public async Task A_gzipped_feed_bomb_is_413_naming_the_item_limit_and_is_never_held_whole()
    {
        var bomb = GzipFeedBomb(256L * 1024 * 1024); // about 256 KB on the wire
        bomb.Length.Should().BeLessThan(1024 * 1024);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var problem = await ApiJson.Problem(await Post(bomb, "application/rss+xml"), HttpStatusCode.RequestEntityTooLarge);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        problem["detail"].Str().Should().Be("api#item 1: item is over the 16 MB limit for one article (counted while reading); the rest of the feed is not read");
        // Holding the item whole costs 512 MB of characters; stopping at the limit, a few times 16 MB.
        allocated.Should().BeLessThan(200L * 1024 * 1024);
    }

    [Fact]
    public async Task A_lone_surrogate_in_application_json_fails_that_item_with_its_reason_not_500()
    {
        var body = """[{"title": "Bon", "text": "Le pont de Valmer a rouvert samedi après deux ans de travaux."}, {"title": "Cassé", "text": "Un demi \ud800 caractère."}]""";

        var response = await ApiJson.Read(await Post(Encoding.UTF8.GetBytes(body), "application/json"), HttpStatusCode.OK);

        var items = response["items"].Arr();
        items[0]!["status"].Str().Should().Be("stored");
        items[1]!["status"].Str().Should().Be("error");
        items[1]!["source"].Str().Should().Be("api#item 2");
        items[1]!["error"].Str().Should().Contain("field 'text' is not valid text: it holds a lone surrogate escape");

        var alone = await ApiJson.Problem(await Post(Encoding.UTF8.GetBytes("""{"title": "\udc00", "text": "Un texte."}"""), "application/json"),
            HttpStatusCode.UnprocessableEntity);
        alone["detail"].Str().Should().Contain("field 'title' is not valid text");
    }

    [Theory]
    [InlineData("""{"title": true, "text": "Le pont de Valmer a rouvert samedi."}""", "field 'title' must be a string, found a JSON boolean")]
    [InlineData("""{"title": "Tableau", "text": ["Le pont de Valmer", "a rouvert samedi."]}""", "field 'text' must be a string, found a JSON array")]
    public async Task A_JSON_field_of_the_wrong_type_is_a_422_naming_the_field(string body, string error)
    {
        var problem = await ApiJson.Problem(await Post(Encoding.UTF8.GetBytes(body), "application/json"), HttpStatusCode.UnprocessableEntity);
        problem["detail"].Str().Should().Be($"api: {error}");
    }

    [Fact]
    public async Task Text_plain_is_decoded_in_the_charset_it_names()
    {
        var text = "Мост в Вальмере открыли после двух лет работ.\n\nРаботы стоили три миллиона рублей, сообщила мэрия.";
        var cyrillic = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

        var response = await ApiJson.Read(await Post(cyrillic.GetBytes(text), "text/plain; charset=windows-1251"), HttpStatusCode.OK);

        var id = response["items"]![0]!["id"].Long();
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        article["text"].Str().Should().Contain("Работы стоили три миллиона рублей");
    }

    [Fact]
    public async Task Application_json_is_decoded_in_the_charset_it_names()
    {
        var latin = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var body = """{"title": "Le pont rouvre à Valmer", "text": "Le pont de Valmer a rouvert samedi après deux années de travaux, a annoncé la mairie."}""";

        var response = await ApiJson.Read(await Post(latin.GetBytes(body), "application/json; charset=windows-1252"), HttpStatusCode.OK);

        var id = response["items"]![0]!["id"].Long();
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        article["text"].Str().Should().Contain("après deux années");
    }
}
