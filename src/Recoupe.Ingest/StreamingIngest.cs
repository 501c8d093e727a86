using System.Diagnostics;
using System.Threading.Channels;

namespace Recoupe.Ingest;

/// <summary>
/// Ingests items that arrive over time (standard input fed by another program, a pipe): a thread of its own reads them,
/// and each batch is whatever has arrived, up to <see cref="MaxBatch"/>, so an article is stored as soon as it is read
/// rather than when the runner's window fills or the input ends. <see cref="AfterBatch"/> runs after a batch when the
/// input pauses (nothing more has arrived) or every <see cref="GroupEvery"/> while it keeps flowing: the caller groups
/// the stored articles into stories there. <see cref="AfterGrouping"/> (story alerts) runs after it on a thread of its
/// own, so that what it costs never delays the next article.
/// </summary>
public sealed class StreamingIngest(IngestRunner runner)
{
    /// <summary>Items stored per batch at most (the runner stores them in one transaction).</summary>
    public int MaxBatch { get; init; } = 64;

    /// <summary>Longest time between two calls of <see cref="AfterBatch"/> while items keep coming.</summary>
    public TimeSpan GroupEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called after batches (see the class summary) when something was stored since the last call.</summary>
    public Action? AfterBatch { get; init; }

    /// <summary>
    /// Called after each <see cref="AfterBatch"/>, on a thread of its own and never twice at once (calls asked for while
    /// one runs are one more run); the last one has ended when <see cref="Run"/> returns.
    /// </summary>
    public Action? AfterGrouping { get; init; }

    public IngestSummary Run(IEnumerable<ReadItem> items, Action<IngestItemResult>? onItem = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var channel = Channel.CreateBounded<ReadItem>(new BoundedChannelOptions(MaxBatch * 2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Factory.StartNew(() => ReadAll(items, channel.Writer, cancellation), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

        int read = 0, stored = 0, duplicates = 0, failed = 0;
        var failures = new List<IngestFailure>();
        var storedSinceGrouping = false;
        var lastGrouping = Stopwatch.StartNew();
        var batch = new List<ReadItem>(MaxBatch);
        var follower = AfterGrouping is null ? null : new Follower(AfterGrouping);
        while (channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && channel.Reader.TryRead(out var item)) batch.Add(item);
            var summary = runner.Run(batch, onItem, cancellation);
            batch.Clear();
            (read, stored, duplicates, failed) = (read + summary.Read, stored + summary.Stored, duplicates + summary.Duplicates, failed + summary.Failed);
            failures.AddRange(summary.Failures);
            storedSinceGrouping |= summary.Stored > 0;
            var paused = !channel.Reader.TryPeek(out _);
            if (storedSinceGrouping && AfterBatch is not null && (paused || lastGrouping.Elapsed >= GroupEvery))
            {
                AfterBatch();
                follower?.Signal();
                storedSinceGrouping = false;
                lastGrouping.Restart();
            }
        }
        reading.GetAwaiter().GetResult();
        follower?.Wait();
        cancellation.ThrowIfCancellationRequested();
        return new IngestSummary(read, stored, duplicates, failed, failures, clock.Elapsed);
    }

    /// <summary>Hands the items on as they are read; a reader that throws ends the input with one failure saying where.</summary>
    private static void ReadAll(IEnumerable<ReadItem> items, ChannelWriter<ReadItem> writer, CancellationToken cancellation)
    {
        string? lastSource = null;
        try
        {
            foreach (var item in items)
            {
                if (cancellation.IsCancellationRequested) break;
                lastSource = item.Source;
                writer.WriteAsync(item, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var where = lastSource is null ? "input" : $"input after {lastSource}";
            writer.WriteAsync(new ReadFailure(where, $"reading stopped: {e.GetType().Name}: {e.Message}"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>Runs one piece of work on a thread of its own whenever signalled; signals that come while it runs make one more run.</summary>
    private sealed class Follower(Action work)
    {
        private readonly object _gate = new();
        private Task _running = Task.CompletedTask;
        private bool _busy, _again;

        public void Signal()
        {
            lock (_gate)
            {
                if (_busy)
                {
                    _again = true;
                    return;
                }
                _busy = true;
                _running = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        private void Loop()
        {
            while (true)
            {
                try
                {
                    work();
                }
                catch
                {
                    // The next signal starts afresh; Wait says what went wrong.
                    lock (_gate) _busy = _again = false;
                    throw;
                }
                lock (_gate)
                {
                    if (!_again)
                    {
                        _busy = false;
                        return;
                    }
                    _again = false;
                }
            }
        }

        public void Wait() => _running.GetAwaiter().GetResult();
    }
}
