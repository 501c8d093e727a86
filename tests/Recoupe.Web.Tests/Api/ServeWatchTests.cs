using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recoupe.Ingest.Watch;
using Recoupe.Stores;
using Recoupe.Web.Tests.Support;
using Recoupe.Web.Watch;

namespace Recoupe.Web.Tests.Api;

/// <summary><c>serve --watch</c>: the server polls the watched sources (the bundled sample feeds) while it answers requests.</summary>
public sealed class ServeWatchTests : IDisposable
{
    private RecoupeAppFactory? _app;
    private TestDatabases? _postgres;

    public void Dispose()
    {
        _app?.Dispose();
        _postgres?.Dispose();
    }

    /// <summary>The two sample feeds at http://feeds.test/; their items' pages (fictional .example sites) do not answer.</summary>
    private sealed class SampleFeeds : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            var file = Path.Combine(Samples.Folder, "feeds", Path.GetFileName(request.RequestUri!.AbsolutePath));
            if (request.RequestUri.Host != "feeds.test" || !File.Exists(file))
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            var type = file.EndsWith(".rss", StringComparison.Ordinal) ? "application/rss+xml" : "application/atom+xml";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = Http.Bytes(File.ReadAllBytes(file), type) });
        }
    }

    [Theory]
    [WebStore(WebStoreKind.Sqlite)]
    [WebStore(WebStoreKind.Postgres)]
    public async Task The_server_stores_and_groups_the_items_of_its_watched_feeds_while_it_takes_posted_articles(WebStoreKind kind)
    {
        var settings = new Dictionary<string, string?> { ["Recoupe:Watch"] = "true" };
        if (kind == WebStoreKind.Postgres)
        {
            _postgres = new TestDatabases();
            settings["Recoupe:Db"] = _postgres.Location;
        }
        _app = new RecoupeAppFactory(settings: settings);
        var db = settings.GetValueOrDefault("Recoupe:Db") ?? _app.DbPath;
        using (var factory = StoreLocation.Open(db, create: true))
        using (var sources = factory.OpenSources())
        {
            var now = DateTime.UtcNow;
            sources.Add("http://feeds.test/rtn-info.rss", null, TimeSpan.FromMinutes(5), now, out _);
            sources.Add("http://feeds.test/northwire.atom", "Northwire", TimeSpan.FromMinutes(5), now, out _);
        }
        var web = new SampleFeeds();
        var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton(new ServerWatch
        {
            CreateFetcher = () => new PoliteFetcher(web, TimeProvider.System,
                new FetchOptions { MinDelayPerHost = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(5) }),
        })));
        var client = app.CreateClient();

        var posted = await client.PostAsync("/api/articles", Http.Body(
            "Le conseil municipal de Lyonval a voté mardi le budget du tramway, après trois heures de débat.", "text/plain; charset=utf-8"));
        posted.StatusCode.Should().Be(HttpStatusCode.OK);

        // Seven feed items (4 RSS, 3 Atom), each stored from the feed's own text since its page does not answer.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        long articles = 0;
        while (DateTime.UtcNow < deadline)
        {
            var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
            articles = status["articles"].Long();
            if (articles >= 8) break;
            await Task.Delay(200);
        }
        articles.Should().Be(8, "the posted article and the seven feed items");

        // A source's poll is recorded after its items are stored: the view is read again until it has caught up.
        var sourcesView = (await ApiJson.Read(await client.GetAsync("/api/sources"), HttpStatusCode.OK)).Arr();
        while (DateTime.UtcNow < deadline && !sourcesView.All(s => s!["items"].Long() > 0 && s["lastSuccess"] != null))
        {
            await Task.Delay(200);
            sourcesView = (await ApiJson.Read(await client.GetAsync("/api/sources"), HttpStatusCode.OK)).Arr();
        }
        sourcesView.Should().HaveCount(2).And.OnlyContain(s => s!["items"].Long() > 0 && s["lastSuccess"] != null && s["errors"].Int() == 0);
        // Grouping follows within a few seconds (at most every 2 s of work, and before the watcher sleeps).
        var grouped = 0;
        while (DateTime.UtcNow < deadline && grouped < 8)
        {
            var stories = (await ApiJson.Read(await client.GetAsync("/api/stories?limit=100"), HttpStatusCode.OK))["items"].Arr();
            grouped = stories.Sum(s => s!["size"].Int());
            if (grouped < 8) await Task.Delay(200);
        }
        grouped.Should().Be(8, "every article, the watched ones too, is in a story");
        web.Requests.Should().BeGreaterThan(2);
        var watcher = app.Services.GetRequiredService<WatchService>();
        while (DateTime.UtcNow < deadline && watcher.Rounds == 0) await Task.Delay(100);
        watcher.Rounds.Should().BeGreaterThan(0);
    }
}
