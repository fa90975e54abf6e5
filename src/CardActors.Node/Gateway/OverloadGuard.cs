namespace CardActors.Node.Gateway;

/// <summary>
/// Admission control for card requests. A node offered more than it can decide builds a standing
/// queue: every request then waits as long as the queue is deep, the terminals give up and
/// retransmit, and without shedding the node keeps deciding requests nobody waits for, long after
/// the surge (docs/operations.md, "Overload"). The guard watches how long decisions take from the
/// frame's arrival to the card's answer and, while most decisions of an interval took longer than
/// the target, answers new card requests 91 (retry) without asking the card, so that the queue
/// drains and the node's answers are timely again.
/// </summary>
/// <remarks>
/// Most, not all and not the mean: the queues are the thread pool's, each card's mailbox and the
/// journal's batches, and not every decision waits in all of them. A balance inquiry or a decline
/// on an idle card needs no write and stays quick however far behind the journal is, so the
/// quickest decision of an interval says nothing; a collection pause or one slow batch makes some
/// decisions slow, and the rest of the interval outvotes them. A stall with no decisions at all
/// (the journal unreachable) counts as overload once work has waited past the target without any
/// progress. Network management and everything refused before the card (format, MAC, sign-on) is
/// never shed: it is cheap and keeps terminals signed on.
/// </remarks>
internal sealed class OverloadGuard
{
    private const long SlowUnit = 1L << 32; // a window's tally: decisions in the low half, slow ones in the high half
    private readonly TimeProvider _time;
    private readonly long _target;
    private readonly long _interval;
    private readonly Lock _roll = new();
    private long _windowEnd;
    private long _tally;
    private long _lastProgress;
    private int _outstanding;
    private volatile bool _shedding;

    /// <param name="target">The decision time that, exceeded by most decisions of an interval, means overload; zero disables shedding.</param>
    /// <param name="interval">How long decisions must stay slow before shedding begins, and how often the state is reconsidered.</param>
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

    /// <summary>Raised outside the guard's lock when shedding begins (true) or ends (false), with the interval that decided it.</summary>
    public event Action<bool, Reading>? Changed;

    public bool Enabled { get; }

    /// <summary>True while new card requests are answered 91 without being decided.</summary>
    public bool IsShedding => _shedding;

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

    /// <summary>An admitted request's decision came (or timed out) at <paramref name="decidedAt"/>, a timestamp of the guard's clock.</summary>
    public void Completed(long receivedAt, long decidedAt)
    {
        if (!Enabled)
        {
            return;
        }

        Interlocked.Decrement(ref _outstanding);
        Interlocked.Add(ref _tally, decidedAt - receivedAt > _target ? SlowUnit + 1 : 1);
        Volatile.Write(ref _lastProgress, decidedAt);
        Roll(decidedAt);
    }

    /// <summary>Ends the interval when it is over: one caller per interval decides the state for the next one.</summary>
    private void Roll(long now)
    {
        if (now < Volatile.Read(ref _windowEnd))
        {
            return;
        }

        bool shedding;
        Reading reading;
        lock (_roll)
        {
            if (now < _windowEnd)
            {
                return;
            }

            var tally = Interlocked.Exchange(ref _tally, 0);
            var sinceProgress = now - Volatile.Read(ref _lastProgress);
            reading = new Reading((int)(tally & (SlowUnit - 1)), (int)(tally >> 32), TimeSpan.FromSeconds((double)sinceProgress / _time.TimestampFrequency));
            shedding = reading.Decided > 0
                ? reading.Slow * 2 > reading.Decided
                : Volatile.Read(ref _outstanding) > 0 && sinceProgress > _target;
            Volatile.Write(ref _windowEnd, now + _interval);
            if (shedding == _shedding)
            {
                return;
            }

            _shedding = shedding;
        }

        Changed?.Invoke(shedding, reading);
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>What an interval saw: its decisions, how many of them took longer than the target, and the time since the last decision.</summary>
    public readonly record struct Reading(int Decided, int Slow, TimeSpan SinceProgress);
}
