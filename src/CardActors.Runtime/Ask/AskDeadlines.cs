namespace CardActors.Runtime.Ask;

/// <summary>
/// Ask deadlines with nothing shared on the hot path. Every pooled ask carries a permanent
/// <see cref="DeadlineEntry"/>, listed here once, when its envelope first asks in this system.
/// Arming the entry for an ask writes only to the entry; the reply disarms it with one more write
/// to the entry. A periodic sweep reads the listed entries and fails the asks whose due time has
/// passed (the ask's own completion state decides whether the reply or the deadline came first). The list is as long as the number of ask envelopes in existence (outstanding plus
/// pooled), so memory and sweep work follow the number of outstanding asks, not their rate.
/// </summary>
/// <remarks>
/// This replaced a hashed timing wheel of linked lists: linking an ask into a slot and unlinking it
/// on the reply took a lock that the asking and the answering threads shared, and wrote to the
/// neighbouring entries, all cold by then: 7 % of the kernel benchmark's CPU
/// (docs/benchmarks.md, "Ask deadlines without a shared lock"). Time comes from the
/// <see cref="TimeProvider"/>, so tests control it.
/// </remarks>
internal sealed class AskDeadlines : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly List<(DeadlineEntry Entry, long Version)> _due = new();
    private DeadlineEntry[] _entries = new DeadlineEntry[64];
    private int _count;
    private int _sweeping;

    public AskDeadlines(TimeProvider time, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "must be positive");
        }

        _time = time;
        LastSweep = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((AskDeadlines)state!).Sweep(), this, resolution, resolution);
    }

    /// <summary>
    /// The timestamp of the latest sweep: a clock that costs a field read, accurate to about one
    /// resolution, for bookkeeping that does not need better (when an entity was last active).
    /// </summary>
    public long LastSweep { get; private set; }

    /// <summary>How many entries are listed (for tests: it follows the envelopes, not the asks).</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Arms <paramref name="entry"/> for the ask of <paramref name="version"/>. Only the asker that
    /// holds the envelope calls this, so the entry is not armed for another ask meanwhile.
    /// </summary>
    public void Arm(DeadlineEntry entry, long version, TimeSpan timeout)
    {
        if (!ReferenceEquals(entry.Owner, this))
        {
            entry.Owner?.Forget(entry);
            List(entry);
        }

        entry.Arm(version, _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency));
    }

    /// <summary>Takes an entry off the list: its envelope leaves the pool for good.</summary>
    public void Forget(DeadlineEntry entry)
    {
        lock (_gate)
        {
            var index = entry.Index;
            if (!ReferenceEquals(entry.Owner, this) || index < 0 || index >= _count || !ReferenceEquals(_entries[index], entry))
            {
                throw new InvalidOperationException("the deadline entry is not listed here");
            }

            var last = _entries[--_count];
            _entries[index] = last;
            last.Index = index;
            _entries[_count] = null!;
            entry.Owner = null;
            entry.Index = -1;
        }
    }

    private void List(DeadlineEntry entry)
    {
        lock (_gate)
        {
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, _count * 2);
            }

            entry.Index = _count;
            entry.Owner = this;
            _entries[_count++] = entry;
        }
    }

    /// <summary>Fails every armed ask whose due time has passed. Runs on the timer; exposed for tests.</summary>
    public void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            LastSweep = now;
            lock (_gate)
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_entries[i].IsDue(now, out var version))
                    {
                        _due.Add((_entries[i], version));
                    }
                }
            }

            // Outside the lock: failing an ask may run code that asks again.
            foreach (var (entry, version) in _due)
            {
                entry.Target.OnDeadline(version);
            }
        }
        finally
        {
            _due.Clear();
            Volatile.Write(ref _sweeping, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
