using System.Net;
using Recoupe.Core.Model;
using Recoupe.Queue;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary>A fact that needs RabbitMQ (RECOUPE_TEST_AMQP): skipped with the reason without it, except under CI=true.</summary>
public sealed class AmqpFactAttribute : FactAttribute
{
    public static string? Url { get; } = Environment.GetEnvironmentVariable("RECOUPE_TEST_AMQP") is { Length: > 0 } url ? url : null;

    public AmqpFactAttribute()
    {
        if (Url is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "needs RabbitMQ: set RECOUPE_TEST_AMQP (e.g. amqp://guest:guest@localhost:5672/); .ci/run does";
    }
}

/// <summary>
/// <c>serve --queue</c>: POSTed articles go to the work queue instead of the store (202, each item published), and the
/// request waits while the queue is longer than its limit, as <c>ingest --queue</c> does. Queues of its own.
/// </summary>
public sealed class QueuePublishApiTests : IAsyncDisposable
{
    private readonly string _name = $"recoupe-test-api-{Guid.NewGuid():N}";
    private RecoupeAppFactory? _app;
    private RawArticleQueue? _queue;

    public async ValueTask DisposeAsync()
    {
        _app?.Dispose();
        if (_queue is null) return;
        await _queue.Channel.QueueDeleteAsync(_name, ifUnused: false, ifEmpty: false);
        await _queue.Channel.QueueDeleteAsync(_name + ".dead", ifUnused: false, ifEmpty: false);
        await _queue.DisposeAsync();
    }

    private HttpClient Start(long maxDepth)
    {
        _app = new RecoupeAppFactory(settings: new Dictionary<string, string?>
        {
            ["Recoupe:Queue"] = AmqpFactAttribute.Url,
            ["Recoupe:QueueName"] = _name,
            ["Recoupe:QueueMaxDepth"] = maxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return _app.CreateClient();
    }

    private const string Tramway = "Le conseil municipal de Lyonval a voté mardi le budget du tramway, après trois heures de débat.";
    private const string Harbour = "The port authority of Westhaven approved the harbour extension on Monday after two years of talks.";

    [AmqpFact]
    public async Task Posted_articles_are_published_to_the_queue_and_not_stored()
    {
        var client = Start(maxDepth: 10_000);
        var response = await client.PostAsync("/api/articles?source=batch", Http.Body(
            $"{{\"text\":\"{Tramway}\"}}\n{{\"text\":\"{Harbour}\"}}\n{{broken\n", "application/x-ndjson"));
        var answer = await ApiJson.Read(response, HttpStatusCode.Accepted);
        answer["published"].Int().Should().Be(2);
        answer["failed"].Int().Should().Be(1, "a line that is not JSON is not published (one the pipeline refuses would be dead-lettered by the workers)");
        answer["stored"].Int().Should().Be(0);
        answer["items"].Arr().Select(i => i!["status"].Str()).Should().Equal("published", "published", "error");

        _queue = await RawArticleQueue.ConnectAsync(AmqpFactAttribute.Url!, new QueueOptions { Raw = _name });
        (await _queue.DepthAsync(_name)).Messages.Should().Be(2u);
        var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(0, "the workers store the published articles, not the server");
    }

    [AmqpFact]
    public async Task A_post_waits_while_the_queue_is_longer_than_its_limit_and_is_published_once_there_is_room()
    {
        _queue = await RawArticleQueue.ConnectAsync(AmqpFactAttribute.Url!, new QueueOptions { Raw = _name });
        for (var i = 0; i < 3; i++)
            await _queue.PublishAsync(new RawArticle { Source = $"waiting-{i}", Format = InputFormat.Text, Raw = Harbour + $" Item {i}." });
        var client = Start(maxDepth: 2);

        var post = client.PostAsync("/api/articles", Http.Body(Tramway, "text/plain; charset=utf-8"));
        // Three messages wait, above the limit of two: the request is held, nothing is added to the queue.
        (await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(2)))).Should().NotBe(post, "a publisher waits for room");
        (await _queue.DepthAsync(_name)).Messages.Should().Be(3u);

        await _queue.Channel.QueuePurgeAsync(_name);
        var answer = await ApiJson.Read(await post.WaitAsync(TimeSpan.FromSeconds(60)), HttpStatusCode.Accepted);
        answer["published"].Int().Should().Be(1);
        (await _queue.DepthAsync(_name)).Messages.Should().Be(1u);
    }
}
