using System.Net;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class SearchApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;
    private long _frenchId, _englishId;

    public SearchApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task Ingest()
    {
        var french = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain")), HttpStatusCode.OK);
        _frenchId = french["items"]![0]!["id"].Long();
        var english = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(Articles.English(), "text/plain")), HttpStatusCode.OK);
        _englishId = english["items"]![0]!["id"].Long();
    }

    private async Task<System.Text.Json.Nodes.JsonNode> Search(string query) =>
        await ApiJson.Read(await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query)), HttpStatusCode.OK);

    private static IEnumerable<long> ArticleIds(System.Text.Json.Nodes.JsonNode found) =>
        found["articles"]!["items"].Arr().Select(h => h!["id"].Long());

    [Fact]
    public async Task Accents_and_case_do_not_count()
    {
        await Ingest();
        // The text writes "l'État" and "l'Économie".
        ArticleIds(await Search("etat")).Should().Equal(_frenchId);
        ArticleIds(await Search("ÉTAT")).Should().Equal(_frenchId);
        ArticleIds(await Search("economie")).Should().Equal(_frenchId);
        ArticleIds(await Search("Économie ministre")).Should().Equal(_frenchId);
        ArticleIds(await Search("council funding")).Should().Equal(_englishId);
        ArticleIds(await Search("etat council")).Should().BeEmpty("every word must match");
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_by_offset()
    {
        await Ingest();
        var hit = (await Search("syndicats"))["articles"]!["items"]![0]!;
        var snippet = hit["snippet"]!;
        var text = snippet["text"].Str();
        var matches = snippet["matches"].Arr();
        matches.Should().NotBeEmpty();
        foreach (var match in matches)
            text[match!["start"].Int()..match["end"].Int()].Should().BeEquivalentTo("syndicats");
        text.Should().NotContain("\uE000").And.NotContain("<b>");
    }

    [Fact]
    public async Task Phrases_and_prefixes()
    {
        await Ingest();
        ArticleIds(await Search("\"assemblée nationale\"")).Should().Equal(_frenchId);
        ArticleIds(await Search("\"nationale assemblée\"")).Should().BeEmpty();
        ArticleIds(await Search("recul*")).Should().Equal(_frenchId);
        ArticleIds(await Search("recul")).Should().BeEmpty("without a star a word matches whole words only");
    }

    [Fact]
    public async Task Quotations_are_found_by_their_words_and_by_their_speaker_with_exact_evidence()
    {
        await Ingest();
        var byWords = (await Search("reculerons"))["quotes"]!;
        byWords["total"].Long().Should().Be(1);
        var quote = byWords["items"]![0]!;
        quote["speaker"]!["name"].Str().Should().Contain("Dupont");
        var evidence = quote["evidence"]!;
        evidence["articleId"].Long().Should().Be(_frenchId);

        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{_frenchId}"), HttpStatusCode.OK);
        article["text"].Str()[evidence["start"].Int()..evidence["end"].Int()].Should().Be(evidence["text"].Str());
        evidence["text"].Str().Should().Contain("Nous ne reculerons pas");

        var bySpeaker = (await Search("dupont"))["quotes"]!["items"].Arr();
        bySpeaker.Should().Contain(q => q!["evidence"]!["text"].Str() == evidence["text"].Str());
    }

    [Fact]
    public async Task Query_syntax_is_never_passed_through()
    {
        await Ingest();
        // FTS5 operators and quotes typed by a reader are words or nothing, never syntax errors.
        foreach (var query in new[] { "NEAR(etat syndicats)", "etat OR council", "-etat", "etat^", "col:etat", "\"unclosed etat", "etat AND" })
        {
            var response = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
            response.StatusCode.Should().Be(HttpStatusCode.OK, "query {0} must be read as words", query);
        }
        ArticleIds(await Search("\"unclosed etat")).Should().BeEmpty("an unclosed quote is a phrase, and that phrase is not in the text");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("!!! ?? --", "no letters or digits")]
    public async Task Queries_without_words_are_400(string query, string reason)
    {
        var problem = await ApiJson.Problem(await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query)), HttpStatusCode.BadRequest);
        problem["detail"].Str().Should().Contain(reason);
        await ApiJson.Problem(await _client.GetAsync("/api/search"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("offset=-1")]
    public async Task Paging_out_of_range_is_400(string paging)
    {
        var problem = await ApiJson.Problem(await _client.GetAsync("/api/search?q=etat&" + paging), HttpStatusCode.BadRequest);
        problem["detail"].Str().Should().MatchRegex("limit|offset");
    }

    [Fact]
    public async Task Non_numeric_paging_is_400()
    {
        // A value that does not bind is a problem too, like every other error.
        await ApiJson.Problem(await _client.GetAsync("/api/search?q=etat&limit=ten"), HttpStatusCode.BadRequest);
        await ApiJson.Problem(await _client.GetAsync("/api/stories?offset=first"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pages_split_the_hits_in_a_stable_order()
    {
        for (var i = 0; i < 5; i++)
            await _client.PostAsync("/api/articles", Http.Body(Articles.French($"la mesure numéro {i + 1} sur les ponts de la commune {i}"), "text/plain"));
        var all = ArticleIds(await ApiJson.Read(await _client.GetAsync("/api/search?q=ponts&limit=10"), HttpStatusCode.OK)).ToList();
        all.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        var paged = new List<long>();
        for (var offset = 0; offset < 5; offset += 2)
            paged.AddRange(ArticleIds(await ApiJson.Read(await _client.GetAsync($"/api/search?q=ponts&limit=2&offset={offset}"), HttpStatusCode.OK)));
        paged.Should().Equal(all);
        var page = await ApiJson.Read(await _client.GetAsync("/api/search?q=ponts&limit=2&offset=4"), HttpStatusCode.OK);
        page["articles"]!["total"].Long().Should().Be(5);
    }
}
