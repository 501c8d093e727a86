using Recoupe.App;
using Recoupe.Core.Model;

namespace Recoupe.Queue;

/// <summary>
/// <see cref="IArticlePublisher"/> over one RabbitMQ connection, for a publisher that lives long (the watcher, the
/// server): <see cref="QueuePublisher"/>'s back-pressure and retries on a lost connection, one batch at a time (a
/// channel's confirmations are not shared between callers), the waiting for room counted in <see cref="Waited"/>.
/// </summary>
public sealed class QueueArticlePublisher : IArticlePublisher, IAsyncDisposable
{
    private readonly RawArticleQueue _queue;
    private readonly QueuePublisher _publisher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _waitedTicks, _published;

    public QueueArticlePublisher(RawArticleQueue queue)
    {
        _queue = queue;
        _publisher = new QueuePublisher(queue);
    }

    public static async Task<QueueArticlePublisher> ConnectAsync(string url, QueueOptions options, string clientName) =>
        new(await RawArticleQueue.ConnectAsync(url, options, clientName).ConfigureAwait(false));

    public RawArticleQueue Queue => _queue;

    /// <summary>Articles published since this publisher was made.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>How long publishing waited for room in the queue, in all.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    public async Task PublishAsync(IReadOnlyList<RawArticle> articles, CancellationToken cancellation = default)
    {
        if (articles.Count == 0) return;
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // Room is checked at the first article of each batch, then every CheckEvery articles.
            var summary = await _publisher.PublishAsync(articles, cancellation).ConfigureAwait(false);
            Interlocked.Add(ref _waitedTicks, summary.Waited.Ticks);
            Interlocked.Add(ref _published, summary.Published);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
