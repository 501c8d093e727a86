using System.Net;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Hardening;

/// <summary>Defect 4 of issue 17: with no API key, a page on another origin could store articles.</summary>
public sealed class CrossSiteWriteTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public CrossSiteWriteTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private static HttpRequestMessage Post(string text, string mediaType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Http.Body(text, mediaType) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private async Task<long> StoredCount() => (await ApiJson.Read(await _client.GetAsync("/api/status"), HttpStatusCode.OK))["articles"].Long();

    [Fact]
    public async Task A_text_plain_form_posted_from_another_site_is_refused_and_stores_nothing()
    {
        // What a browser sends for <form enctype="text/plain" action="http://127.0.0.1:5080/api/articles"> on evil.example.
        var response = await _client.SendAsync(Post(Articles.French(), "text/plain",
            ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate")));
        var problem = await ApiJson.Problem(response, HttpStatusCode.Forbidden);
        problem["title"].Str().Should().Be("Cross-site write refused");
        problem["detail"].Str().Should().Contain("cross-site");
        (await StoredCount()).Should().Be(0);
    }

    [Fact]
    public async Task A_no_cors_fetch_from_another_origin_is_refused_by_its_origin_alone()
    {
        // An older browser without fetch metadata still sends Origin on a cross-origin POST.
        var response = await _client.SendAsync(Post(Articles.French(), "text/plain", ("Origin", "http://attacker.test:8000")));
        var problem = await ApiJson.Problem(response, HttpStatusCode.Forbidden);
        problem["detail"].Str().Should().Contain("http://attacker.test:8000").And.Contain("not from this server's origin");
        (await StoredCount()).Should().Be(0);
    }

    [Theory]
    [InlineData("same-site", "http://localhost:8000")] // another port of this host: same site, other origin
    [InlineData("cross-site", null)]
    public async Task Fetch_metadata_naming_another_origin_is_refused(string site, string? origin)
    {
        var headers = new List<(string, string)> { ("Sec-Fetch-Site", site), ("Sec-Fetch-Mode", "no-cors") };
        if (origin is not null) headers.Add(("Origin", origin));
        var response = await _client.SendAsync(Post(Articles.French(), "text/plain", headers.ToArray()));
        (await ApiJson.Problem(response, HttpStatusCode.Forbidden))["detail"].Str().Should().Contain($"Sec-Fetch-Site: {site}");
    }

    [Fact]
    public async Task An_opaque_origin_such_as_a_sandboxed_page_is_refused()
    {
        var response = await _client.SendAsync(Post(Articles.French(), "text/plain", ("Origin", "null")));
        (await ApiJson.Problem(response, HttpStatusCode.Forbidden))["detail"].Str().Should().Contain("opaque origin");
    }

    [Fact]
    public async Task The_servers_own_page_and_clients_that_are_not_browsers_still_write()
    {
        var ownPage = await _client.SendAsync(Post(Articles.French("la loi A"), "text/plain",
            ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "cors")));
        (await ApiJson.Read(ownPage, HttpStatusCode.OK))["stored"].Int().Should().Be(1);

        var curl = await _client.SendAsync(Post(Articles.French("la loi B"), "text/plain"));
        (await ApiJson.Read(curl, HttpStatusCode.OK))["stored"].Int().Should().Be(1);

        // Reads are not writes: a page elsewhere may read (the browser keeps the answer from it without CORS anyway).
        var read = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        read.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        read.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        (await _client.SendAsync(read)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredCount()).Should().Be(2);
    }

    [Fact]
    public async Task Without_a_key_a_write_addressed_to_a_rebound_domain_name_is_refused()
    {
        // DNS rebinding: evil.example now resolves to 127.0.0.1, so Host and Origin agree, but neither is loopback.
        var request = Post(Articles.French(), "text/plain", ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "same-origin"));
        request.Headers.Host = "evil.example";
        var problem = await ApiJson.Problem(await _client.SendAsync(request), HttpStatusCode.Forbidden);
        problem["detail"].Str().Should().Contain("loopback");
        (await StoredCount()).Should().Be(0);
    }

    [Fact]
    public async Task An_origin_named_in_the_settings_may_write()
    {
        using var app = new RecoupeAppFactory(settings: new Dictionary<string, string?> { ["Recoupe:AllowedOrigins:0"] = "https://desk.example" });
        var client = app.CreateClient();
        var allowed = await client.SendAsync(Post(Articles.French(), "text/plain", ("Origin", "https://desk.example"), ("Sec-Fetch-Site", "cross-site")));
        (await ApiJson.Read(allowed, HttpStatusCode.OK))["stored"].Int().Should().Be(1);
        var other = await client.SendAsync(Post(Articles.French("autre"), "text/plain", ("Origin", "https://other.example"), ("Sec-Fetch-Site", "cross-site")));
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
