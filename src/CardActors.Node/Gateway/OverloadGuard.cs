namespace CardActors.Node.Gateway;

/// <summary>
/// Admission control for card requests. A node offered more than it can decide builds a standing
/// queue: every request then waits as long as the queue is deep, the terminals give up and
/// retransmit, and without shedding the node keeps deciding requests nobody waits for, long after
/// the surge (docs/operations.md, "Overload"). The guard watches how long decisions take from the
/// frame's arrival to the card's answer and, while even the quickest decision of a whole interval
/// took longer than the target, answers new card requests 91 (retry) without asking the card, so
/// the queue drains and the node's answers are timely again.
/// </summary>
/// <remarks>
/// The minimum over an interval, not the mean or a percentile, separates a standing queue from a
/// burst: a burst, a collection pause or one slow journal batch delays some decisions, and the
/// quick ones of the same interval keep the minimum low. A stall with no decisions at all (the
/// journal unreachable) counts as overload once the oldest outstanding work has waited past the
/// target. Network management and everything refused before the card (format, MAC, sign-on) is
/// never shed: it is cheap and keeps terminals signed on.
/// </remarks>
internal sealed class OverloadGuard
{
    private readonly TimeProvider _time;
    private readonly long _target;
    private readonly long _interval;
    private readonly Lock _roll = new();
    private long _windowEnd;
    private long _windowMin = long.MaxValue;
    private long _lastProgress;
    private int _outstanding;
    private volatile bool _shedding;

    /// <param name="target">The decision time that, exceeded by every decision of an interval, means overload; zero disables shedding.</param>
    /// <param name="interval">How long the quickest decision must stay above the target before shedding begins, and how often the state is reconsidered.</param>
    public OverloadGuard(TimeProvider time, TimeSpan target, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _time = time;
        Enabled = target > TimeSpan.Zero;
        _target = Enabled ? ToTimestamp(target) : long.MaxValue;
        _interval = ToTimestamp(interval);
        var now = time.GetTimestamp();
        _windowEnd = now + _interval;
        _lastProgress = now;
    }

    public bool Enabled { get; }

    /// <summary>True while new card requests are answered 91 without being decided.</summary>
    public bool IsShedding => _shedding;

    /// <summary>
    /// Raised outside the guard's lock when shedding begins (true) or ends (false), with the
    /// quickest decision of the interval that decided it (or, with none, how long nothing completed).
    /// </summary>
    public event Action<bool, TimeSpan>? Changed;

    /// <summary>Whether a card request that arrived at <paramref name="receivedAt"/> may go to its card; when it may, <see cref="Completed"/> must follow.</summary>
    public bool TryAdmit(long receivedAt)
    {
        if (!Enabled)
        {
            return true;
        }

        Roll(receivedAt);
        if (_shedding)
        {
            return false;
        }

        if (Interlocked.Increment(ref _outstanding) == 1)
        {
            Volatile.Write(ref _lastProgress, receivedAt); // the clock of a stall starts with the first outstanding request
        }

        return true;
    }

    /// <summary>An admitted request's decision has come (or timed out).</summary>
    public void Completed(long receivedAt)
    {
        if (!Enabled)
        {
            return;
        }

        var now = _time.GetTimestamp();
        Interlocked.Decrement(ref _outstanding);
        var took = now - receivedAt;
        var seen = Volatile.Read(ref _windowMin);
        while (took < seen)
        {
            var prior = Interlocked.CompareExchange(ref _windowMin, took, seen);
            if (prior == seen)
            {
                break;
            }

            seen = prior;
        }

        Volatile.Write(ref _lastProgress, now);
        Roll(now);
    }

    /// <summary>Ends the interval when it is over: one caller per interval decides the state for the next one.</summary>
    private void Roll(long now)
    {
        if (now < Volatile.Read(ref _windowEnd))
        {
            return;
        }

        bool shedding;
        long evidence;
        lock (_roll)
        {
            if (now < _windowEnd)
            {
                return;
            }

            var quickest = Interlocked.Exchange(ref _windowMin, long.MaxValue);
            if (quickest != long.MaxValue)
            {
                evidence = quickest;
                shedding = quickest > _target;
            }
            else
            {
                evidence = now - Volatile.Read(ref _lastProgress);
                shedding = Volatile.Read(ref _outstanding) > 0 && evidence > _target;
            }

            Volatile.Write(ref _windowEnd, now + _interval);
            if (shedding == _shedding)
            {
                return;
            }

            _shedding = shedding;
        }

        Changed?.Invoke(shedding, TimeSpan.FromSeconds((double)evidence / _time.TimestampFrequency));
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
