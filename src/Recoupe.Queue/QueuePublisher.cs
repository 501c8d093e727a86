using Recoupe.Core.Model;

namespace Recoupe.Queue;

/// <summary>What publishing to the queue did: articles published, and how long publishers waited for room.</summary>
public sealed record PublishSummary(long Published, TimeSpan Waited);

/// <summary>Publishes raw articles to the queue, waiting for room every <see cref="CheckEvery"/> articles (back-pressure).</summary>
public sealed class QueuePublisher(RawArticleQueue queue)
{
    public int CheckEvery { get; init; } = 100;

    /// <summary>How long a publish waits for RabbitMQ to come back before giving up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<PublishSummary> PublishAsync(IEnumerable<RawArticle> articles, CancellationToken cancellation = default)
    {
        long published = 0;
        var waited = TimeSpan.Zero;
        foreach (var article in articles)
        {
            // A publish cut by a lost connection is sent again once the client has reconnected: if RabbitMQ had it
            // already, the article arrives twice, and the second is stored as a duplicate.
            if (published % CheckEvery == 0)
                waited += await RawArticleQueue.RetryOnConnectionLossAsync(() => queue.WaitForRoomAsync(cancellation), Patience, cancellation);
            await RawArticleQueue.RetryOnConnectionLossAsync(async () => { await queue.PublishAsync(article, cancellation: cancellation); return true; },
                Patience, cancellation);
            published++;
        }
        return new PublishSummary(published, waited);
    }
}
