using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Queue;

/// <summary>What a worker has done since it started.</summary>
public sealed record WorkerCounts(long Stored, long Duplicates, long Retried, long DeadLettered, long LeftForRedelivery = 0);

/// <summary>
/// A stateless worker: takes raw articles from the queue, runs the pipeline on each, stores what arrived together in
/// one batch (one transaction), and acknowledges the messages only after that commit. Killed before the ack, its
/// messages come back to another worker; stored again, a text already there is a duplicate (content hash), so an
/// article is stored once. A message that fails is published again with one more try, and after
/// <see cref="QueueOptions.MaxTries"/> goes to the dead-letter queue with the reason.
/// </summary>
public sealed class QueueWorker(RawArticleQueue queue, IArticleWriteStore store, Pipeline pipeline)
{
    private long _stored, _duplicates, _retried, _dead, _unacked;

    public WorkerCounts Counts => new(Interlocked.Read(ref _stored), Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _dead), Interlocked.Read(ref _unacked));

    /// <summary>Consumes until <paramref name="cancellation"/> fires (or, with <paramref name="stopWhenIdle"/>, until the queue stays empty that long).</summary>
    public async Task RunAsync(CancellationToken cancellation, TimeSpan? stopWhenIdle = null)
    {
        var channel = queue.Channel;
        // Twice a batch unacknowledged: one batch being stored while the next one goes through the pipeline.
        await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, 2 * queue.Options.Prefetch), global: false, cancellation);
        var deliveries = Channel.CreateUnbounded<BasicDeliverEventArgs>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // The body's memory belongs to the client only during this call: keep a copy.
            deliveries.Writer.TryWrite(new BasicDeliverEventArgs(delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered,
                delivery.Exchange, delivery.RoutingKey, delivery.BasicProperties, delivery.Body.ToArray()));
            return Task.CompletedTask;
        };
        var tag = await channel.BasicConsumeAsync(queue.Options.Raw, autoAck: false, consumer, cancellation);
        // The pipeline (CPU) of a batch runs while the batch before it is stored (waiting on PostgreSQL), as `ingest`
        // overlaps its pipeline threads with its writer. Batches are stored one after the other, in delivery order.
        // With the assigner's changes of the same step, 1 worker went from 0.56× to 0.78× embedded (`bench queue`).
        Task storing = Task.CompletedTask;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var batch = await TakeBatchAsync(deliveries.Reader, stopWhenIdle ?? Timeout.InfiniteTimeSpan, cancellation);
                if (batch.Count == 0) break;
                var processed = Process(batch);
                await storing;
                storing = Task.Run(() => StoreAndAcknowledgeAsync(processed, cancellation), CancellationToken.None);
            }
            await storing;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        finally
        {
            try { await storing; }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { }
            if (channel.IsOpen) await channel.BasicCancelAsync(tag);
        }
    }

    /// <summary>A batch after the pipeline: its messages, the decoded articles, the documents and which message each came from, and the failures.</summary>
    private sealed record ProcessedBatch(List<BasicDeliverEventArgs> Messages, RawArticle?[] Raws, List<Document> Documents,
        List<int> Slots, Dictionary<int, string> Failures);

    /// <summary>The next messages: waits for one (up to <paramref name="idle"/>), then takes what else has arrived, up to the prefetch.</summary>
    private async Task<List<BasicDeliverEventArgs>> TakeBatchAsync(ChannelReader<BasicDeliverEventArgs> reader, TimeSpan idle, CancellationToken cancellation)
    {
        var batch = new List<BasicDeliverEventArgs>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (idle != Timeout.InfiniteTimeSpan) wait.CancelAfter(idle);
        try
        {
            if (!await reader.WaitToReadAsync(wait.Token)) return batch;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return batch;
        }
        while (batch.Count < queue.Options.Prefetch && reader.TryRead(out var delivery)) batch.Add(delivery);
        return batch;
    }

    private ProcessedBatch Process(List<BasicDeliverEventArgs> batch)
    {
        var documents = new List<Document>();
        var slots = new List<int>();
        var failures = new Dictionary<int, string>();
        var raws = new RawArticle?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                raws[i] = RawArticleQueue.Decode(batch[i].Body);
                documents.Add(pipeline.Process(raws[i]!));
                slots.Add(i);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures[i] = e.Message;
            }
        }
        return new ProcessedBatch(batch, raws, documents, slots, failures);
    }

    private async Task StoreAndAcknowledgeAsync(ProcessedBatch processed, CancellationToken cancellation)
    {
        var (batch, raws, documents, slots, failures) = (processed.Messages, processed.Raws, processed.Documents, processed.Slots, processed.Failures);
        // The commit comes before any ack: a worker killed in between leaves messages that are stored, and that a
        // second delivery finds as duplicates.
        var attempts = documents.Count == 0 ? [] : store.AddBatch(documents);
        for (var j = 0; j < attempts.Count; j++)
        {
            if (attempts[j].Error is { } error) failures[slots[j]] = error.Message;
            else if (attempts[j].Result!.Status == StoreStatus.Stored) Interlocked.Increment(ref _stored);
            else Interlocked.Increment(ref _duplicates);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                if (failures.TryGetValue(i, out var reason))
                {
                    var tries = RawArticleQueue.Tries(batch[i].BasicProperties) + 1;
                    var dead = tries >= queue.Options.MaxTries || raws[i] is null;
                    var article = raws[i] ?? new RawArticle { Source = "undecodable message", Format = InputFormat.Text, Raw = Encoding.UTF8.GetString(batch[i].Body.Span) };
                    await queue.PublishAsync(article, dead ? queue.Options.Dead : queue.Options.Raw, tries, reason, cancellation);
                    Interlocked.Increment(ref dead ? ref _dead : ref _retried);
                }
                await queue.Channel.BasicAckAsync(batch[i].DeliveryTag, multiple: false, cancellation);
            }
            catch (Exception e) when (RawArticleQueue.IsConnectionLoss(e))
            {
                // RabbitMQ went away (restarted, network): the unacknowledged messages return to the queue and come back
                // to some worker once the client has reconnected; what this batch stored is then a duplicate.
                Interlocked.Add(ref _unacked, batch.Count - i);
                return;
            }
        }
    }
}
