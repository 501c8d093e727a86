using System.Net;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class QuotesApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public QuotesApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<long> Store(string text)
    {
        var answer = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(text, "text/plain")), HttpStatusCode.OK);
        return answer["items"]![0]!["id"].Long();
    }

    [Fact]
    public async Task Quotes_of_one_speaker_whatever_the_case_and_accents_with_their_evidence()
    {
        var first = await Store(Articles.French());
        var second = await Store(Articles.French("la loi sur l'eau").Replace("Jean Dupont", "Marie Dupont"));

        var all = await ApiJson.Read(await _client.GetAsync("/api/quotes"), HttpStatusCode.OK);
        all["total"].Long().Should().BeGreaterThanOrEqualTo(2);
        all["items"].Arr().Select(q => q!["article"]!["id"].Long()).Should().BeInAscendingOrder();

        foreach (var speaker in new[] { "dupont jean", "JEAN DUPONT", "Jean Dupónt" })
        {
            var found = await ApiJson.Read(await _client.GetAsync("/api/quotes?speaker=" + Uri.EscapeDataString(speaker)), HttpStatusCode.OK);
            var items = found["items"].Arr();
            items.Should().NotBeEmpty("'{0}' names Jean Dupont", speaker);
            items.Should().OnlyContain(q => q!["speaker"]!["name"].Str() == "Jean Dupont" && q["article"]!["id"].Long() == first);
            found["total"].Long().Should().Be(items.Count);
        }

        var marie = await ApiJson.Read(await _client.GetAsync("/api/quotes?speaker=Marie%20Dupont"), HttpStatusCode.OK);
        marie["items"].Arr().Should().NotBeEmpty().And.OnlyContain(q => q!["article"]!["id"].Long() == second);

        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{first}"), HttpStatusCode.OK);
        var quote = (await ApiJson.Read(await _client.GetAsync("/api/quotes?speaker=jean%20dupont&limit=1"), HttpStatusCode.OK))["items"]![0]!;
        var evidence = quote["evidence"]!;
        article["text"].Str()[evidence["start"].Int()..evidence["end"].Int()].Should().Be(evidence["text"].Str());
        quote["text"].Str().Should().Be(evidence["text"].Str());

        (await ApiJson.Read(await _client.GetAsync("/api/quotes?speaker=Paul%20Inconnu"), HttpStatusCode.OK))["total"].Long().Should().Be(0);
    }

    [Theory]
    [InlineData("speaker=%21%21%21", "speaker")]
    [InlineData("speaker=%20%20", "speaker")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    public async Task Bad_filters_are_400(string query, string named)
    {
        var problem = await ApiJson.Problem(await _client.GetAsync("/api/quotes?" + query), HttpStatusCode.BadRequest);
        problem["detail"].Str().Should().Contain(named);
    }
}
