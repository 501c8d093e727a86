using Recoupe.Core.Model;

namespace Recoupe.Queue;

/// <summary>What publishing to the queue did: articles published, and how long publishers waited for room.</summary>
public sealed record PublishSummary(long Published, TimeSpan Waited);

/// <summary>Publishes raw articles to the queue, waiting for room every <see cref="CheckEvery"/> articles (back-pressure).</summary>
public sealed class QueuePublisher(RawArticleQueue queue)
{
    public int CheckEvery { get; init; } = 100;

    public async Task<PublishSummary> PublishAsync(IEnumerable<RawArticle> articles, CancellationToken cancellation = default)
    {
        long published = 0;
        var waited = TimeSpan.Zero;
        foreach (var article in articles)
        {
            if (published % CheckEvery == 0) waited += await queue.WaitForRoomAsync(cancellation);
            await queue.PublishAsync(article, cancellation: cancellation);
            published++;
        }
        return new PublishSummary(published, waited);
    }
}
