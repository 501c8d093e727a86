using Microsoft.Extensions.Options;
using Recoupe.App;
using Recoupe.Queue;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Ingest;

/// <summary>
/// The work queue the server publishes to instead of storing, when one is configured (<see cref="RecoupeWebOptions.Queue"/>,
/// <c>serve --queue</c>): the API's POSTs and the <c>serve --watch</c> watcher send raw articles there, as
/// <c>ingest --queue</c> does, and the workers store them. One connection, opened on first use and kept (the client
/// reconnects by itself); publishers wait while the queue is longer than <see cref="RecoupeWebOptions.QueueMaxDepth"/>.
/// </summary>
public sealed class QueuePublishing(IOptions<RecoupeWebOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private QueueArticlePublisher? _publisher;

    /// <summary>True when articles go to the queue instead of the store.</summary>
    public bool Enabled => options.Value.Queue is { Length: > 0 };

    /// <summary>The publisher, connected on first use; fails (RabbitMQ's exception) when the queue cannot be reached.</summary>
    public async Task<IArticlePublisher> PublisherAsync(CancellationToken cancellation = default)
    {
        if (_publisher is { } ready) return ready;
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return _publisher ??= await QueueArticlePublisher.ConnectAsync(options.Value.Queue!,
                new QueueOptions { Raw = options.Value.QueueName, MaxDepth = options.Value.QueueMaxDepth }, "recoupe-serve-publish").ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_publisher is not null) await _publisher.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
