using System.Net;
using Recoupe.Core.Model;
using Recoupe.Queue;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary>
/// A fact that needs RabbitMQ (RECOUPE_TEST_AMQP): skipped with the reason when it is not set; .ci/run sets it, so CI
/// runs it.
/// </summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public static string? Url { get; } = Environment.GetEnvironmentVariable("RECOUPE_TEST_AMQP") is { Length: > 0 } url ? url : null;

    public RabbitMqFactAttribute()
    {
        if (Url is null) Skip = "needs RabbitMQ: set RECOUPE_TEST_AMQP (e.g. amqp://guest:guest@localhost:5672/); .ci/run does";
    }
}

public sealed class QueueStatusApiTests
{
    [RabbitMqFact]
    public async Task Status_shows_the_work_queue_and_its_dead_letters_with_their_reasons_and_leaves_them_in_the_queue()
    {
        var options = new QueueOptions { Raw = $"recoupe-web-test-{Guid.NewGuid():N}" };
        var queue = await RawArticleQueue.ConnectAsync(RabbitMqFactAttribute.Url!, options);
        try
        {
            RawArticle Article(string source) => new() { Source = source, Format = InputFormat.Text, Raw = "Un texte.\n\nQuelques mots." };
            await queue.PublishAsync(Article("waiting-1.txt"));
            await queue.PublishAsync(Article("waiting-2.txt"));
            await queue.PublishAsync(Article("poison.txt"), options.Dead, tries: 3, reason: "store: value too long for the column");

            using var app = new RecoupeAppFactory(settings: new Dictionary<string, string?>
            {
                ["Recoupe:Queue"] = RabbitMqFactAttribute.Url,
                ["Recoupe:QueueName"] = options.Raw,
            });
            using var client = app.CreateClient();
            for (var look = 1; look <= 2; look++)
            {
                var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
                var work = status["queue"]!;
                work["name"].Str().Should().Be(options.Raw);
                work["depth"].Long().Should().Be(2);
                work["workersAlive"].Long().Should().Be(0);
                work["deadLetters"].Long().Should().Be(1, "looking at a dead letter leaves it there (look {0})", look);
                var letter = work["firstDeadLetters"].Arr().Should().ContainSingle().Subject!;
                letter["source"].Str().Should().Be("poison.txt");
                letter["reason"].Str().Should().Be("store: value too long for the column");
                letter["tries"].Int().Should().Be(3);
            }
        }
        finally
        {
            await queue.Channel.QueueDeleteAsync(options.Raw, false, false);
            await queue.Channel.QueueDeleteAsync(options.Dead, false, false);
            await queue.DisposeAsync();
        }
    }

    [Fact]
    public async Task Status_has_no_queue_when_the_server_is_given_none()
    {
        using var app = new RecoupeAppFactory();
        using var client = app.CreateClient();
        var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["queue"].Should().BeNull();
        status["articles"].Long().Should().Be(0);
    }
}
