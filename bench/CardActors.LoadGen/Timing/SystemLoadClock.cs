using System.Diagnostics;

namespace CardActors.LoadGen.Timing;

/// <summary>
/// The machine's monotonic clock (<see cref="Stopwatch"/>). Waits sleep, so that the generator
/// leaves the CPU to the system under test on a small machine; an optional spin window trades
/// one busy core for issue times precise to a few microseconds.
/// </summary>
public sealed class SystemLoadClock : ILoadClock
{
    // Cancellation is only noticed between sleeps; bound a single sleep so Ctrl+C feels immediate.
    private const int LongestSleepMilliseconds = 50;

    private readonly long _spinWindow;

    /// <param name="spinWindow">
    /// The final part of every wait that is spent yielding instead of sleeping. Zero (the default)
    /// sleeps all the way: issue times then trail the schedule by up to about a millisecond, which
    /// the run reports as issue lag and which counts in the measured latency.
    /// </param>
    public SystemLoadClock(TimeSpan spinWindow = default)
    {
        if (spinWindow < TimeSpan.Zero || spinWindow > TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(spinWindow), spinWindow, "The spin window must lie between 0 and 100 ms.");
        }

        _spinWindow = Nanoseconds.From(spinWindow);
    }

    public long Now => TicksToNanoseconds(Stopwatch.GetTimestamp());

    public void WaitUntil(long deadline, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = deadline - Now;
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > _spinWindow)
            {
                var sleepFor = (remaining - _spinWindow) / Nanoseconds.PerMillisecond;
                Thread.Sleep((int)Math.Clamp(sleepFor, 1, LongestSleepMilliseconds));
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    internal static long TicksToNanoseconds(long ticks)
    {
        var frequency = Stopwatch.Frequency;
        if (frequency == Nanoseconds.PerSecond)
        {
            return ticks;
        }

        // Split to stay exact without overflowing ticks * 1e9.
        var seconds = ticks / frequency;
        var remainder = ticks % frequency;
        return (seconds * Nanoseconds.PerSecond) + (remainder * Nanoseconds.PerSecond / frequency);
    }
}
