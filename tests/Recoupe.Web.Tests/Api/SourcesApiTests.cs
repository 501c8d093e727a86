using System.Net;
using Recoupe.Store.Sqlite;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary><c>GET /api/sources</c>: the watched sources and their health, as the store keeps them.</summary>
public sealed class SourcesApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_sources_view_gives_each_source_with_its_errors_and_items()
    {
        var client = _app.CreateClient();
        (await ApiJson.Read(await client.GetAsync("/api/sources"), HttpStatusCode.OK)).Arr().Should().BeEmpty();

        using (var sources = new SqliteSourceStore(_app.DbPath))
        {
            var now = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
            sources.Add("https://desk.example/feed.xml", "Desk", TimeSpan.FromMinutes(5), now, out var source);
            sources.SaveState(source.Id, source.State with { Kind = "feed", Errors = 2, TotalErrors = 3, LastError = "HTTP 503", Items = 12, LastSuccess = now });
        }
        var listed = (await ApiJson.Read(await client.GetAsync("/api/sources"), HttpStatusCode.OK)).Arr();
        var one = listed.Should().ContainSingle().Subject!;
        one["url"].Str().Should().Be("https://desk.example/feed.xml");
        one["everySeconds"].Long().Should().Be(300);
        one["errors"].Int().Should().Be(2);
        one["lastError"].Str().Should().Be("HTTP 503");
        one["items"].Long().Should().Be(12);
    }
}
