namespace CardActors.LoadGen.Timing;

/// <summary>
/// A discrete-event clock: time stands still until someone waits, and waiting runs every
/// scheduled event up to the deadline in time order (ties in scheduling order). A simulated
/// target schedules its completions here, so a whole load run — scheduler, server, recorder —
/// executes deterministically on one thread, with no real time passing.
/// </summary>
public sealed class VirtualLoadClock : ILoadClock
{
    private readonly PriorityQueue<Action, (long At, long Order)> _events = new();
    private long _now;
    private long _order;

    public VirtualLoadClock(long start = 0)
    {
        _now = start;
    }

    public long Now => _now;

    /// <summary>Events scheduled and not yet run.</summary>
    public int PendingEvents => _events.Count;

    /// <summary>Runs <paramref name="action"/> when virtual time reaches <paramref name="at"/>.</summary>
    public void Schedule(long at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (at < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Cannot schedule an event in the past (now {_now}).");
        }

        _events.Enqueue(action, (at, _order++));
    }

    public void WaitUntil(long deadline, CancellationToken cancellationToken) => AdvanceTo(deadline);

    /// <summary>Moves time forward by <paramref name="duration"/> nanoseconds, running due events.</summary>
    public void AdvanceBy(long duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duration);
        AdvanceTo(_now + duration);
    }

    /// <summary>Runs every event due at or before <paramref name="deadline"/>, then sets the time to it.</summary>
    public void AdvanceTo(long deadline)
    {
        while (_events.TryPeek(out var action, out var due) && due.At <= deadline)
        {
            _events.Dequeue();
            _now = due.At;
            action();
        }

        if (deadline > _now)
        {
            _now = deadline;
        }
    }

    /// <summary>Runs every scheduled event, including those that events schedule, and returns the time reached.</summary>
    public long RunUntilIdle()
    {
        while (_events.TryPeek(out _, out var due))
        {
            AdvanceTo(due.At);
        }

        return _now;
    }
}
