using Microsoft.Extensions.Options;
using Recoupe.Queue;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Ingest;

/// <summary>A dead letter as <c>/api/status</c> shows it.</summary>
public sealed record DeadLetterModel(string Source, string? Reason, int Tries);

/// <summary>The work queue in <c>/api/status</c>: messages waiting, workers attached, dead letters and the first of them; or why it cannot be read.</summary>
public sealed record QueueStatusModel(string Name, long? Depth, long? WorkersAlive, long? DeadLetters, IReadOnlyList<DeadLetterModel>? FirstDeadLetters,
    string? Error = null);

/// <summary>
/// Reads the configured RabbitMQ work queue for <c>/api/status</c> (<see cref="RecoupeWebOptions.Queue"/>): one
/// connection, opened on first use and kept (the client reconnects by itself); a queue that cannot be reached is
/// reported in the status, not as a failed request.
/// </summary>
public sealed class QueueMonitor(IOptions<RecoupeWebOptions> options) : IAsyncDisposable
{
    private const int FirstDeadLetters = 10;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RawArticleQueue? _queue;

    public async Task<QueueStatusModel?> ReadAsync(CancellationToken cancellation)
    {
        if (options.Value.Queue is not { Length: > 0 } url) return null;
        var name = options.Value.QueueName;
        await _gate.WaitAsync(cancellation);
        try
        {
            _queue ??= await RawArticleQueue.ConnectAsync(url, new QueueOptions { Raw = name }, "recoupe-serve");
            var (waiting, workers) = await _queue.DepthAsync(_queue.Options.Raw);
            var (dead, _) = await _queue.DepthAsync(_queue.Options.Dead);
            var letters = await _queue.PeekDeadLettersAsync(FirstDeadLetters, cancellation);
            return new QueueStatusModel(name, waiting, workers, dead, letters.Select(l => new DeadLetterModel(l.Source, l.Reason, l.Tries)).ToList());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new QueueStatusModel(name, null, null, null, null, $"cannot read the queue: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null) await _queue.DisposeAsync();
        _gate.Dispose();
    }
}
