using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Recoupe.Web.Hosting;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class SafetyTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public SafetyTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/status")]
    [InlineData("/api/articles/1")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_a_strict_content_security_policy(string path)
    {
        var response = await _client.GetAsync(path);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        policy.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("object-src 'none'");
        policy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Pages_and_their_files_are_served_with_their_types()
    {
        var index = await _client.GetAsync("/");
        index.StatusCode.Should().Be(HttpStatusCode.OK);
        index.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await index.Content.ReadAsStringAsync()).Should().Contain("<script src=\"/index.js\"");

        (await _client.GetAsync("/app.js")).Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await _client.GetAsync("/app.css")).Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        (await _client.GetAsync("/stories/some-story")).Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await _client.GetAsync("/articles/12")).Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await _client.GetAsync("/articles/twelve")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Unchanged files cost a 304.
        var first = await _client.GetAsync("/app.js");
        var again = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        (await _client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public void The_page_has_no_inline_script_style_or_markup_sink()
    {
        var assets = StaticAssets.All;
        assets.Keys.Should().Contain(["index.html", "story.html", "article.html", "app.js", "app.css"]);
        foreach (var (name, asset) in assets)
        {
            var text = Encoding.UTF8.GetString(asset.Content);
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                Regex.Matches(text, @"<script\b[^>]*>").Should().OnlyContain(m => m.Value.Contains("src=\"/"), "{0} must load scripts from files", name);
                Regex.IsMatch(text, @"<script\b[^>]*>\s*[^<\s]", RegexOptions.IgnoreCase).Should().BeFalse("{0} has an inline script", name);
                Regex.IsMatch(text, @"\son[a-z]+\s*=", RegexOptions.IgnoreCase).Should().BeFalse("{0} has an event-handler attribute", name);
                Regex.IsMatch(text, @"\sstyle\s*=", RegexOptions.IgnoreCase).Should().BeFalse("{0} has an inline style", name);
            }
            if (name.EndsWith(".js", StringComparison.Ordinal))
            {
                // Article text reaches the page through textContent and text nodes only.
                Regex.IsMatch(text, @"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function")
                    .Should().BeFalse("{0} must not turn strings into markup or code", name);
            }
        }
    }

    [Theory]
    [InlineData("/../Recoupe.Web.dll")]
    [InlineData("/..%2fRecoupe.Web.dll")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/app.js/../../../../etc/passwd")]
    [InlineData("/wwwroot/app.js")]
    [InlineData("/Recoupe.Web.dll")]
    [InlineData("/appsettings.json")]
    [InlineData("/api/articles/..%2f..%2fetc%2fpasswd")]
    [InlineData("/openapi/..%2f..%2fetc%2fpasswd.json")]
    [InlineData("//etc/passwd")]
    public async Task No_path_reaches_a_file_outside_the_page(string rawPath)
    {
        // Sent as is (no client-side normalisation), the way a hostile client would.
        var context = await _app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = PathString.FromUriComponent(rawPath.Split('?')[0]);
        });
        context.Response.StatusCode.Should().BeOneOf(StatusCodes.Status404NotFound, StatusCodes.Status400BadRequest);
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        body.Should().NotContain("root:").And.NotStartWith("MZ");
    }

    [Fact]
    public async Task A_story_id_with_traversal_is_only_an_id()
    {
        // The page route takes any short id; the id is then only a lookup key, never a path.
        var context = await _app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = PathString.FromUriComponent("/stories/..%2f..%2fetc%2fpasswd");
        });
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        body.Should().NotContain("root:");
        if (context.Response.StatusCode == 200) body.Should().Contain("<script src=\"/story.js\"");
    }

    [Fact]
    public async Task Markup_in_an_article_is_stored_and_sent_as_text()
    {
        const string hostile = "<script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\"> <a href=\"javascript:window.pwned = 3\">lien</a>";
        var text = Articles.French() + "\n\n" + "Un lecteur a écrit ceci dans le formulaire : " + hostile;
        var stored = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(text, "text/plain")), HttpStatusCode.OK);
        var id = stored["items"]![0]!["id"].Long();
        var response = await _client.GetAsync($"/api/articles/{id}");
        var raw = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        raw.Should().NotContain("<script>", "angle brackets are escaped in JSON so the answer is inert even if sniffed as HTML");
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        article["text"].Str().Should().Contain(hostile, "the text is kept as written: data, not markup");
    }

    [Fact]
    public async Task Unknown_api_paths_and_methods_are_problems()
    {
        var unknown = await ApiJson.Problem(await _client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
        unknown["detail"].Str().Should().Contain("openapi");
        var wrongMethod = await _client.DeleteAsync("/api/articles/1");
        ((int)wrongMethod.StatusCode).Should().BeOneOf(404, 405);
        wrongMethod.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_openapi_description_lists_every_endpoint()
    {
        var document = await ApiJson.Read(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        document["openapi"].Str().Should().StartWith("3.");
        document["info"]!["title"].Str().Should().Be("Recoupe API");
        var paths = document["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().Contain(["/api/articles", "/api/articles/{id}", "/api/stories", "/api/stories/{id}", "/api/search", "/api/quotes", "/api/status"]);
        var body = paths["/api/articles"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key);
        body.Should().Contain(["text/plain", "text/html", "application/json", "application/x-ndjson", "application/rss+xml", "application/atom+xml"]);
        paths.Select(p => p.Key).Should().NotContain(p => !p.StartsWith("/api/"), "pages and files are not API");
        document["components"]!["securitySchemes"]!["ApiKey"]!["name"].Str().Should().Be("X-Api-Key");
        paths["/api/articles"]!["post"]!["security"]!.ToJsonString().Should().Contain("ApiKey");
    }
}
