using System.Net;
using System.Text.Json.Nodes;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class StoriesApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public StoriesApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<JsonArray> Stories(string query = "")
    {
        var page = await ApiJson.Read(await _client.GetAsync("/api/stories?limit=200" + query), HttpStatusCode.OK);
        var items = page["items"].Arr();
        page["total"].Long().Should().Be(items.Count);
        return items;
    }

    private static DateOnly Date(JsonNode? node) => DateOnly.Parse(node.Str(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_stored_article_is_in_one_story_listed_newest_then_largest_first()
    {
        var stored = await Samples.PostAll(_client);
        stored.Should().BeGreaterThan(25, "the sample corpus has 33 articles");
        var stories = await Stories();
        stories.SelectMany(s => s!["articles"].Arr().Select(a => a.Long())).Should().OnlyHaveUniqueItems()
            .And.HaveCount(stored);
        stories.Should().Contain(s => s!["size"].Int() > 1, "the samples tell several stories with several articles each");

        var order = stories.Select(s => (Last: Date(s!["lastDate"]), Size: s["size"].Int())).ToList();
        for (var i = 1; i < order.Count; i++)
        {
            (order[i - 1].Last > order[i].Last || (order[i - 1].Last == order[i].Last && order[i - 1].Size >= order[i].Size))
                .Should().BeTrue("story {0} must not come before a newer or, on the same day, larger one", i - 1);
        }
        foreach (var story in stories)
        {
            Date(story!["firstDate"]).Should().BeOnOrBefore(Date(story["lastDate"]));
            story["size"].Int().Should().Be(story["articles"].Arr().Count);
        }
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_dates_outlet_language_and_words()
    {
        await Samples.PostAll(_client);
        var all = await Stories();

        var from = new DateOnly(2026, 3, 16);
        var recent = await Stories("&from=2026-03-16");
        recent.Should().NotBeEmpty().And.HaveCountLessThan(all.Count);
        recent.Should().OnlyContain(s => Date(s!["lastDate"]) >= from);
        all.Count(s => Date(s!["lastDate"]) >= from).Should().Be(recent.Count);

        var early = await Stories("&to=2026-03-05");
        early.Should().NotBeEmpty().And.OnlyContain(s => Date(s!["firstDate"]) <= new DateOnly(2026, 3, 5));

        var english = await Stories("&language=en");
        english.Should().NotBeEmpty().And.OnlyContain(s => s!["languages"].Arr().Any(l => l.Str() == "en"));
        english.Should().HaveCountLessThan(all.Count);

        var outlet = all.SelectMany(s => s!["outlets"].Arr().Select(o => o.Str())).GroupBy(o => o).OrderBy(g => g.Count()).First().Key;
        var byOutlet = await Stories("&outlet=" + Uri.EscapeDataString(outlet.ToUpperInvariant()));
        byOutlet.Should().NotBeEmpty().And.OnlyContain(s => s!["outlets"].Arr().Any(o => o.Str() == outlet));

        var word = all[0]!["keyWords"].Arr().First().Str();
        (await Stories("&q=" + Uri.EscapeDataString(word))).Should().Contain(s => s!["id"].Str() == all[0]!["id"].Str());
        (await Stories("&q=zzzqqqxx")).Should().BeEmpty();
    }

    [Fact]
    public async Task Paging_walks_the_same_order()
    {
        await Samples.PostAll(_client);
        var all = (await Stories()).Select(s => s!["id"].Str()).ToList();
        var paged = new List<string>();
        for (var offset = 0; offset < all.Count; offset += 3)
        {
            var page = await ApiJson.Read(await _client.GetAsync($"/api/stories?limit=3&offset={offset}"), HttpStatusCode.OK);
            page["total"].Long().Should().Be(all.Count);
            paged.AddRange(page["items"].Arr().Select(s => s!["id"].Str()));
        }
        paged.Should().Equal(all);
    }

    [Fact]
    public async Task One_story_by_id_and_a_new_article_joins_the_list_at_once()
    {
        await Samples.PostAll(_client);
        var first = (await Stories())[0]!;
        var one = await ApiJson.Read(await _client.GetAsync($"/api/stories/{Uri.EscapeDataString(first["id"].Str())}"), HttpStatusCode.OK);
        one["story"]!["id"].Str().Should().Be(first["id"].Str());
        one["story"]!["articles"].Arr().Select(a => a.Long()).Should().Equal(first["articles"].Arr().Select(a => a.Long()));

        var posted = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(Articles.English("the lighthouse on Karst island"), "text/plain")), HttpStatusCode.OK);
        var id = posted["items"]![0]!["id"].Long();
        (await Stories()).Should().Contain(s => s!["articles"].Arr().Any(a => a.Long() == id));
    }

    [Fact]
    public async Task Stories_come_back_the_same_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-web-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string before;
            using (var app = new RecoupeAppFactory(folder: folder))
            {
                var client = app.CreateClient();
                await Samples.PostAll(client);
                before = Membership((await ApiJson.Read(await client.GetAsync("/api/stories?limit=200"), HttpStatusCode.OK))["items"].Arr());
            }
            using (var app = new RecoupeAppFactory(folder: folder))
            {
                var client = app.CreateClient();
                // The catalogue is rebuilt from the store at start; wait until it is.
                HttpResponseMessage response;
                var tries = 0;
                while ((response = await client.GetAsync("/api/stories?limit=200")).StatusCode == HttpStatusCode.ServiceUnavailable && tries++ < 100)
                    await Task.Delay(100);
                var after = Membership((await ApiJson.Read(response, HttpStatusCode.OK))["items"].Arr());
                after.Should().Be(before);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>What a restart must keep: the ids, their order, their articles, dates and outlets.</summary>
    private static string Membership(JsonArray stories) => string.Join("\n", stories.Select(s =>
        $"{s!["id"].Str()} {s["firstDate"].Str()} {s["lastDate"].Str()} [{string.Join(",", s["articles"].Arr().Select(a => a.Long()))}] " +
        string.Join("|", s["outlets"].Arr().Select(o => o.Str()))));

    [Fact]
    public async Task The_server_keeps_its_stories_in_the_store_like_the_command_line()
    {
        await Samples.PostAll(_client);
        var listed = (await Stories()).Select(s => s!["id"].Str()).Order(StringComparer.Ordinal).ToList();
        using var stories = new Recoupe.Store.Sqlite.SqliteStoryStore(_app.DbPath);
        stories.List().Select(s => s.Id).Order(StringComparer.Ordinal).Should().Equal(listed);
        var articles = (await ApiJson.Read(await _client.GetAsync("/api/status"), HttpStatusCode.OK))["articles"].Long();
        stories.Assignments().Should().HaveCount((int)articles, "every stored article is in a story");
    }

    [Fact]
    public async Task Articles_stored_while_the_server_was_down_are_grouped_when_it_starts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-web-offline-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Stored without any story work, as an older build or another tool would have left them.
            int stored;
            using (var store = new Recoupe.Store.Sqlite.SqliteArticleStore(Path.Combine(folder, "web.db")))
                stored = new Recoupe.Ingest.IngestRunner(store).Run([Samples.Folder]).Stored;
            stored.Should().BeGreaterThan(25);

            using var app = new RecoupeAppFactory(folder: folder);
            var client = app.CreateClient();
            HttpResponseMessage response;
            var tries = 0;
            while ((response = await client.GetAsync("/api/stories?limit=200")).StatusCode == HttpStatusCode.ServiceUnavailable && tries++ < 100)
                await Task.Delay(100);
            var stories = (await ApiJson.Read(response, HttpStatusCode.OK))["items"].Arr();
            stories.Sum(s => s!["size"].Int()).Should().Be(stored);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-10&to=2026-03-01", "after")]
    [InlineData("language=French", "language")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("offset=-5", "offset")]
    public async Task Bad_filters_are_400(string query, string named)
    {
        var problem = await ApiJson.Problem(await _client.GetAsync("/api/stories?" + query), HttpStatusCode.BadRequest);
        problem["detail"].Str().Should().Contain(named);
    }

    [Fact]
    public async Task Unknown_story_is_404()
    {
        var problem = await ApiJson.Problem(await _client.GetAsync("/api/stories/s000000000000"), HttpStatusCode.NotFound);
        problem["detail"].Str().Should().Contain("s000000000000");
    }
}
