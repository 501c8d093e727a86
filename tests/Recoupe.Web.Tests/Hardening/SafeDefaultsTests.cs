using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Hardening;

/// <summary>Issue 17, safe by default: loopback without a key, said at start; writes limited per client.</summary>
public sealed class SafeDefaultsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "recoupe-safe-" + Guid.NewGuid().ToString("N"));

    public SafeDefaultsTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private WebApplication Create(string[] args, Dictionary<string, string?>? settings = null, LogCapture? logs = null) =>
        RecoupeWebApp.Create(args, builder =>
        {
            var all = new Dictionary<string, string?> { ["Recoupe:Db"] = Path.Combine(_folder, "safe.db") };
            foreach (var (key, value) in settings ?? []) all[key] = value;
            builder.Configuration.AddInMemoryCollection(all);
            if (logs is not null) builder.Logging.AddProvider(logs);
        });

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://+:5099")]
    [InlineData("http://*:5099")]
    [InlineData("http://[::]:5099")]
    [InlineData("http://news.example:5099")]
    [InlineData("http://127.0.0.1:5098;http://0.0.0.0:5099")]
    public void Without_a_key_an_address_beyond_loopback_is_refused_at_start(string urls)
    {
        var start = () => Create(["--urls", urls]);
        start.Should().Throw<InvalidOperationException>()
            .WithMessage("*refusing to listen on*without an API key*--api-key*");
    }

    [Fact]
    public void Without_a_key_a_kestrel_endpoint_beyond_loopback_is_refused_at_start()
    {
        var start = () => Create([], new Dictionary<string, string?> { ["Kestrel:Endpoints:Open:Url"] = "http://0.0.0.0:5099" });
        start.Should().Throw<InvalidOperationException>().WithMessage("*0.0.0.0:5099*without an API key*");
    }

    [Fact]
    public async Task With_a_key_an_open_address_is_allowed_and_loopback_never_needs_one()
    {
        await using (var open = Create(["--urls", "http://0.0.0.0:5099"], new Dictionary<string, string?> { ["Recoupe:ApiKey"] = "k3y" })) { }
        await using (var local = Create(["--urls", "http://localhost:5099;http://127.0.0.1:5098;http://[::1]:5097"])) { }
    }

    [Fact]
    public async Task Without_a_key_the_server_says_at_start_that_it_listens_on_loopback_only()
    {
        var logs = new LogCapture();
        await using var app = Create(["--urls", "http://127.0.0.1:0"], logs: logs);
        await app.StartAsync();
        try
        {
            logs.Lines.Should().Contain(line => line.StartsWith("Information Recoupe.Web: listening on loopback only (http://127.0.0.1:")
                                                && line.Contains("no API key"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Writes_over_the_per_client_limit_get_429_with_retry_after_while_reads_go_on()
    {
        using var app = new RecoupeAppFactory(settings: new Dictionary<string, string?> { ["Recoupe:WritesPerMinute"] = "3" });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            (await client.PostAsync("/api/articles", Http.Body(Articles.French($"la loi {i}"), "text/plain"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await client.PostAsync("/api/articles", Http.Body(Articles.French("la loi 4"), "text/plain"));
        var problem = await ApiJson.Problem(refused, HttpStatusCode.TooManyRequests);
        problem["detail"].Str().Should().Contain("3 writes");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);

        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK))["articles"].Long().Should().Be(3);
    }

    [Fact]
    public async Task A_client_with_the_servers_key_has_a_bucket_apart_from_its_address()
    {
        using var app = new RecoupeAppFactory(apiKey: "k3y", settings: new Dictionary<string, string?> { ["Recoupe:WritesPerMinute"] = "1" });
        var client = app.CreateClient();
        async Task<HttpStatusCode> Post(string topic, string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Http.Body(Articles.French(topic), "text/plain") };
            if (key is not null) request.Headers.Add("X-Api-Key", key);
            return (await client.SendAsync(request)).StatusCode;
        }
        (await Post("une", "k3y")).Should().Be(HttpStatusCode.OK);
        (await Post("deux", "k3y")).Should().Be(HttpStatusCode.TooManyRequests);
        // Without the key (or with a wrong one) the client is its address: a bucket of its own, then the key check says no.
        (await Post("trois", "wrong")).Should().Be(HttpStatusCode.Forbidden);
        (await Post("quatre", "other-wrong")).Should().Be(HttpStatusCode.TooManyRequests, "a new wrong key does not buy a new bucket");
    }
}
