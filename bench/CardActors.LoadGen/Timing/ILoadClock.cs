namespace CardActors.LoadGen.Timing;

/// <summary>
/// The time source of a load run: a monotonic nanosecond count and a way to wait for a deadline.
/// Every timestamp the engine and its targets exchange (intended send time, completion time) is
/// read from the same clock, so latencies are differences of one monotonic scale.
/// </summary>
/// <remarks>
/// The engine is written against this rather than <see cref="TimeProvider"/> because it needs a
/// wait with sub-millisecond intent and, under test, a discrete-event clock in which a simulated
/// server's completions fire while the scheduler waits (<see cref="VirtualLoadClock"/>).
/// </remarks>
public interface ILoadClock
{
    /// <summary>Monotonic time in nanoseconds from an arbitrary origin.</summary>
    long Now { get; }

    /// <summary>
    /// Returns once <see cref="Now"/> has reached <paramref name="deadline"/> (it may return later,
    /// never earlier), or earlier when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    void WaitUntil(long deadline, CancellationToken cancellationToken);
}
