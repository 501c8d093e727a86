using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Recoupe.Tests.Fuzz;

/// <summary>
/// CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID), so that a case's cost does not count the time
/// other processes and parallel tests held the cores; wall-clock time elsewhere.
/// </summary>
internal static class ThreadClock
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project for one call
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    private static readonly bool HasThreadClock = OperatingSystem.IsLinux() && Environment.Is64BitProcess && TryRead(out _);

    /// <summary>What the measurement is, for the summary.</summary>
    public static string Kind => HasThreadClock ? "thread CPU time" : "wall-clock time";

    public static TimeSpan Now() =>
        HasThreadClock && TryRead(out var now) ? now : Stopwatch.GetElapsedTime(0);

    private static bool TryRead(out TimeSpan time)
    {
        time = TimeSpan.Zero;
        try
        {
            if (ClockGetTime(ThreadCpuTimeClock, out var spec) != 0) return false;
            time = TimeSpan.FromTicks(spec.Seconds * TimeSpan.TicksPerSecond + spec.Nanoseconds / 100);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
