using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Queue;

/// <summary>The headers a message carries.</summary>
public static class QueueNames
{
    public const string TriesHeader = "x-recoupe-tries";
    public const string ReasonHeader = "x-recoupe-reason";
}

/// <summary>A message in the dead-letter queue: the article's source, why it failed the last time, and how many tries it had.</summary>
public sealed record DeadLetter(string Source, string? Reason, int Tries);

public sealed record QueueOptions
{
    /// <summary>The queue of raw articles waiting for a worker (durable, on the default exchange).</summary>
    public string Raw { get; init; } = "recoupe.raw";
    /// <summary>Raw articles that failed <see cref="MaxTries"/> times, each with its last reason.</summary>
    public string Dead => Raw + ".dead";
    /// <summary>Tries of one message before it goes to the dead-letter queue.</summary>
    public int MaxTries { get; init; } = 3;
    /// <summary>Publishers wait while the raw queue holds more messages than this (back-pressure).</summary>
    public long MaxDepth { get; init; } = 10_000;
    /// <summary>
    /// Messages a worker stores in one transaction (a batch): 64, as `ingest` batches (with 16, a worker's store took
    /// 16.6 ms an article of wall time on a loaded machine; with 64, 12.0 ms). A worker holds up to twice as many
    /// unacknowledged: the batch being stored and the next one in the pipeline.
    /// </summary>
    public ushort Prefetch { get; init; } = 64;
}

/// <summary>
/// A connection to the raw-article queue: publishing with publisher confirms (a message is in RabbitMQ, on disk,
/// when <see cref="PublishAsync"/> returns), declaring the queues, and their depth for back-pressure and status.
/// A message is a raw article as JSON (<see cref="ColumnJson"/>), persistent.
/// </summary>
public sealed class RawArticleQueue : IAsyncDisposable
{
    private readonly IConnection _connection;

    private RawArticleQueue(IConnection connection, IChannel channel, QueueOptions options)
    {
        _connection = connection;
        Channel = channel;
        Options = options;
    }

    public IChannel Channel { get; }
    public QueueOptions Options { get; }

    public static async Task<RawArticleQueue> ConnectAsync(string url, QueueOptions? options = null, string clientName = "recoupe")
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(url),
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = RecoveryInterval,
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        options ??= new QueueOptions();
        await channel.QueueDeclareAsync(options.Raw, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(options.Dead, durable: true, exclusive: false, autoDelete: false);
        return new RawArticleQueue(connection, channel, options);
    }

    public static ReadOnlyMemory<byte> Encode(RawArticle article) => Encoding.UTF8.GetBytes(ColumnJson.Serialize(article));

    public static RawArticle Decode(ReadOnlyMemory<byte> body) => ColumnJson.Deserialize<RawArticle>(Encoding.UTF8.GetString(body.Span));

    /// <summary>Publishes one raw article to <paramref name="queue"/>, confirmed; <paramref name="tries"/> and <paramref name="reason"/> ride in headers.</summary>
    public async Task PublishAsync(RawArticle article, string? queue = null, int tries = 0, string? reason = null,
        CancellationToken cancellation = default)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            Headers = new Dictionary<string, object?> { [QueueNames.TriesHeader] = tries },
        };
        if (reason is not null) properties.Headers[QueueNames.ReasonHeader] = reason;
        await Channel.BasicPublishAsync("", queue ?? Options.Raw, mandatory: false, properties, Encode(article), cancellation);
    }

    /// <summary>Waits while the raw queue is deeper than <see cref="QueueOptions.MaxDepth"/>; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitForRoomAsync(CancellationToken cancellation = default)
    {
        var waited = TimeSpan.Zero;
        while ((await Channel.QueueDeclarePassiveAsync(Options.Raw, cancellation)).MessageCount > Options.MaxDepth)
        {
            await Task.Delay(200, cancellation);
            waited += TimeSpan.FromMilliseconds(200);
        }
        return waited;
    }

    /// <summary>Messages waiting and consumers attached (workers alive), for a queue.</summary>
    public async Task<(uint Messages, uint Consumers)> DepthAsync(string queue)
    {
        var ok = await Channel.QueueDeclarePassiveAsync(queue);
        return (ok.MessageCount, ok.ConsumerCount);
    }

    /// <summary>
    /// The first <paramref name="max"/> dead letters, oldest first, with their reason and tries, left in the queue:
    /// taken on a channel of their own without acknowledgement, and put back when that channel closes.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(int max, CancellationToken cancellation = default)
    {
        var letters = new List<DeadLetter>();
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellation);
        while (letters.Count < max && await channel.BasicGetAsync(Options.Dead, autoAck: false, cancellation) is { } message)
        {
            string source;
            try { source = Decode(message.Body).Source; }
            catch (Exception e) when (e is not OperationCanceledException) { source = "(undecodable message)"; }
            var reason = message.BasicProperties.Headers?.TryGetValue(QueueNames.ReasonHeader, out var value) == true
                ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
                : null;
            letters.Add(new DeadLetter(source, reason, Tries(message.BasicProperties)));
        }
        await channel.CloseAsync(cancellation);
        return letters;
    }

    /// <summary>
    /// True for the errors of a connection or channel that RabbitMQ closed or lost: the client reconnects by itself
    /// (automatic recovery, queues and consumers declared again), so the caller retries or leaves the message unacknowledged.
    /// </summary>
    public static bool IsConnectionLoss(Exception e) =>
        e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException
            or RabbitMQ.Client.Exceptions.PublishException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
            or IOException or ObjectDisposedException;

    /// <summary>
    /// Runs <paramref name="action"/> again after each connection loss, every half second up to <paramref name="patience"/>
    /// (RabbitMQ restarting takes seconds; the client reconnects every <see cref="RecoveryInterval"/>).
    /// </summary>
    public static async Task<T> RetryOnConnectionLossAsync<T>(Func<Task<T>> action, TimeSpan patience, CancellationToken cancellation)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (IsConnectionLoss(e) && DateTime.UtcNow < until)
            {
                await Task.Delay(500, cancellation);
            }
        }
    }

    /// <summary>How often a lost connection is tried again.</summary>
    public static TimeSpan RecoveryInterval { get; } = TimeSpan.FromSeconds(1);

    internal static int Tries(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(QueueNames.TriesHeader, out var value) == true && value is not null
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : 0;

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
