using Microsoft.Extensions.Options;

namespace Recoupe.Web.Hosting;

/// <summary>
/// The memory all write requests may hold at once (<see cref="RecoupeWebOptions.MaxInFlightBytes"/>): each request
/// reserves what its body and the articles read from it will hold before it holds them, and gives it back when its
/// articles are stored. Requests wait their turn in arrival order (a large one is not overtaken for ever by small
/// ones) for at most <see cref="RecoupeWebOptions.BudgetWaitSeconds"/>; so concurrent hostile bodies are queued or
/// refused instead of adding up past the ceiling.
/// </summary>
public sealed class WriteBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _inUse;
    private long _peak;

    public WriteBudget(IOptions<RecoupeWebOptions> options) : this(options.Value.MaxInFlightBytes) { }

    public WriteBudget(long capacity) => Capacity = Math.Max(1, capacity);

    public long Capacity { get; }

    /// <summary>Bytes reserved now, and the most ever reserved at once (shown by the status endpoint).</summary>
    public long InUse { get { lock (_gate) return _inUse; } }
    public long Peak { get { lock (_gate) return _peak; } }

    /// <summary>Reserves <paramref name="bytes"/>, waiting up to <paramref name="wait"/> for room; null when there was none in time.</summary>
    public async Task<Lease?> ReserveAsync(long bytes, TimeSpan wait, CancellationToken cancellation)
    {
        if (bytes > Capacity) throw new ArgumentOutOfRangeException(nameof(bytes), $"{bytes:N0} bytes can never fit in {Capacity:N0}");
        Waiter waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _inUse + bytes <= Capacity)
            {
                Take(bytes);
                return new Lease(this, bytes);
            }
            waiter = new Waiter(bytes);
            waiter.Node = _waiters.AddLast(waiter);
        }
        try
        {
            await waiter.Granted.Task.WaitAsync(wait, cancellation).ConfigureAwait(false);
            return new Lease(this, bytes);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (waiter.Granted.Task.IsCompletedSuccessfully) Give(bytes); // granted just as the wait ended
                else if (waiter.Node!.List is not null) _waiters.Remove(waiter.Node);
                GrantWaiters();
            }
            if (e is OperationCanceledException) throw;
            return null;
        }
    }

    private void Take(long bytes)
    {
        _inUse += bytes;
        _peak = Math.Max(_peak, _inUse);
    }

    private void Give(long bytes) => _inUse -= bytes;

    /// <summary>Grants waiting reservations in order while they fit (called under the gate).</summary>
    private void GrantWaiters()
    {
        while (_waiters.First is { } first && _inUse + first.Value.Bytes <= Capacity)
        {
            _waiters.RemoveFirst();
            Take(first.Value.Bytes);
            first.Value.Granted.TrySetResult();
        }
    }

    private bool TryResize(long from, long to)
    {
        lock (_gate)
        {
            if (to > from && _inUse - from + to > Capacity) return false;
            _inUse += to - from;
            _peak = Math.Max(_peak, _inUse);
            GrantWaiters();
            return true;
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            Give(bytes);
            GrantWaiters();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
    }

    /// <summary>One request's reservation; disposing it gives the bytes back.</summary>
    public sealed class Lease(WriteBudget budget, long bytes) : IDisposable
    {
        private long _bytes = bytes;

        public long Bytes => _bytes;

        /// <summary>Grows or shrinks the reservation without waiting; false (nothing changed) when growing would not fit now.</summary>
        public bool TryResize(long bytes)
        {
            if (!budget.TryResize(_bytes, bytes)) return false;
            _bytes = bytes;
            return true;
        }

        public void Dispose()
        {
            var bytes = Interlocked.Exchange(ref _bytes, 0);
            if (bytes > 0) budget.Release(bytes);
        }
    }
}
