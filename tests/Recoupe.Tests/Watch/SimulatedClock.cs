namespace Recoupe.Tests.Watch;

/// <summary>
/// A clock that jumps: a timer (Task.Delay on this provider) moves the time to when it is due and fires at once, so a
/// simulated day of polling runs at full speed. Time only moves forward; timers that overlap do not add up.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void AdvanceTo(DateTimeOffset when)
    {
        var target = when.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref _ticks)) < target && Interlocked.CompareExchange(ref _ticks, target, seen) != seen) { }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return new Idle();
        AdvanceTo(GetUtcNow() + dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Idle();
    }

    private sealed class Idle : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
