using System.Net;
using Microsoft.Data.Sqlite;
using Recoupe.App;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Hardening;

/// <summary>
/// Issue 17, defects 7 and 9: another process writing to the server's store. The other writer here is a connection of
/// the test's own, which SQLite treats exactly as another process (locks and data_version are per connection).
/// </summary>
public sealed class OtherWriterTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new(settings: new Dictionary<string, string?> { ["Recoupe:BusyTimeoutSeconds"] = "0.5" });
    private readonly HttpClient _client;

    public OtherWriterTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_store_locked_by_another_writer_is_answered_503_with_retry_after_and_the_retry_stores_the_article()
    {
        (await _client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        using (var other = new SqliteConnection($"Data Source={_app.DbPath};Pooling=False"))
        {
            other.Open();
            using var hold = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, held
            var refused = await _client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain"));
            var problem = await ApiJson.Problem(refused, HttpStatusCode.ServiceUnavailable);
            problem["title"].Str().Should().Be("Store busy");
            problem["items"]![0]!["status"].Str().Should().Be("error");
            problem["items"]![0]!["error"].Str().Should().Contain("locked by another writer");
            refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);
            hold.Rollback();
        }

        var retried = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain")), HttpStatusCode.OK);
        retried["stored"].Int().Should().Be(1);
    }

    [Fact]
    public async Task A_batch_that_met_the_lock_answers_503_even_when_some_items_were_bad()
    {
        (await _client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        var batch = string.Join("\n", Articles.Json("Bon", Articles.French("la loi bonne")), "{\"title\": \"vide\"}");
        using var other = new SqliteConnection($"Data Source={_app.DbPath};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);
        var refused = await _client.PostAsync("/api/articles", Http.Body(batch, "application/x-ndjson"));
        var problem = await ApiJson.Problem(refused, HttpStatusCode.ServiceUnavailable);
        problem["detail"].Str().Should().Contain("send them again");
        problem["items"].Arr().Should().HaveCount(2);
    }

    [Fact]
    public async Task Stories_stored_by_another_process_show_in_the_list_without_a_write_through_the_api()
    {
        var first = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain")), HttpStatusCode.OK);
        var firstId = first["items"]![0]!["id"].Long();
        var before = await ApiJson.Read(await _client.GetAsync("/api/stories"), HttpStatusCode.OK);
        before["total"].Int().Should().Be(1);

        // What `recoupe ingest` does in its own process: store, then group into the stories kept in the store.
        long otherId;
        using (var store = new SqliteArticleStore(_app.DbPath))
        using (var stories = new SqliteStoryStore(_app.DbPath))
        {
            var results = new List<IngestItemResult>();
            new IngestRunner(store).Run([new ReadArticle(new Recoupe.Core.Model.RawArticle
            {
                Source = "cli.txt", Format = Recoupe.Core.Model.InputFormat.Text, Raw = Articles.English(),
            })], results.Add);
            results.Should().ContainSingle(r => r.Status == IngestStatus.Stored);
            otherId = results[0].ArticleId!.Value;
            new StoryIndexer(store, stories).Update().Clustered.Should().Be(1);
        }

        var after = await ApiJson.Read(await _client.GetAsync("/api/stories"), HttpStatusCode.OK);
        after["total"].Int().Should().Be(2, "the server reads the stories again once another process changed the store");
        after["items"].Arr().SelectMany(s => s!["articles"].Arr().Select(a => a.Long())).Should().BeEquivalentTo([firstId, otherId]);
        var story = after["items"].Arr().Single(s => s!["articles"].Arr().Any(a => a.Long() == otherId))!["id"].Str();
        (await _client.GetAsync($"/api/stories/{story}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
