namespace CardActors.Runtime.Ask;

/// <summary>
/// A hashed timing wheel for ask deadlines: one periodic timer for all asks instead of one timer
/// each. Entries are intrusive and unlinked on completion, so memory follows the number of
/// outstanding asks, not their rate. Asks made in the same tick share a slot, so each slot is split
/// into stripes chosen by thread: threads asking at once do not contend on one lock. Time comes
/// from the <see cref="TimeProvider"/>, so tests control it.
/// </summary>
internal sealed class DeadlineWheel : IDisposable
{
    private const int SlotCount = 1024; // power of two
    private const int Stripes = 8;      // power of two
    private readonly TimeProvider _time;
    private readonly long _ticksPerSlot;
    private readonly SlotList[] _slots;
    private readonly ITimer _timer;
    private readonly List<(DeadlineEntry Entry, long Version)> _due = new();
    private long _lastSweptTick;
    private int _sweeping;

    public DeadlineWheel(TimeProvider time, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "must be positive");
        }

        _time = time;
        _ticksPerSlot = Math.Max(1, (long)(resolution.TotalSeconds * time.TimestampFrequency));
        _slots = new SlotList[SlotCount * Stripes];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new SlotList();
        }

        LastSweep = time.GetTimestamp();
        _lastSweptTick = LastSweep / _ticksPerSlot;
        _timer = time.CreateTimer(static state => ((DeadlineWheel)state!).Sweep(), this, resolution, resolution);
    }

    /// <summary>
    /// The timestamp of the latest sweep: a clock that costs a field read, accurate to about one
    /// tick, for bookkeeping that does not need better (when an entity was last active).
    /// </summary>
    public long LastSweep { get; private set; }

    public void Register(DeadlineEntry entry, long version, TimeSpan timeout)
    {
        var dueTimestamp = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        var dueTick = (dueTimestamp + _ticksPerSlot - 1) / _ticksPerSlot;
        var index = ((int)(dueTick & (SlotCount - 1)) * Stripes) + (Environment.CurrentManagedThreadId & (Stripes - 1));
        var slot = _slots[index];
        lock (slot)
        {
            entry.Version = version;
            entry.DueTick = dueTick;
            entry.Slot = index;
            entry.Prev = null;
            entry.Next = slot.Head;
            if (slot.Head is not null)
            {
                slot.Head.Prev = entry;
            }

            slot.Head = entry;
        }
    }

    public void Unregister(DeadlineEntry entry)
    {
        var index = Volatile.Read(ref entry.Slot);
        if (index < 0)
        {
            return;
        }

        var slot = _slots[index];
        lock (slot)
        {
            if (entry.Slot == index)
            {
                Unlink(slot, entry);
            }
        }
    }

    /// <summary>Fires every entry whose deadline has passed. Runs on the timer; exposed for tests.</summary>
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
            var nowTick = now / _ticksPerSlot;
            var from = _lastSweptTick + 1;
            if (nowTick - from >= SlotCount)
            {
                from = nowTick - SlotCount + 1;
            }

            for (var tick = from; tick <= nowTick; tick++)
            {
                var first = (int)(tick & (SlotCount - 1)) * Stripes;
                for (var stripe = 0; stripe < Stripes; stripe++)
                {
                    CollectDue(_slots[first + stripe], nowTick);
                }
            }

            _lastSweptTick = Math.Max(_lastSweptTick, nowTick);
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

    private void CollectDue(SlotList slot, long nowTick)
    {
        lock (slot)
        {
            var entry = slot.Head;
            while (entry is not null)
            {
                var next = entry.Next;
                if (entry.DueTick <= nowTick)
                {
                    Unlink(slot, entry);
                    _due.Add((entry, entry.Version));
                }

                entry = next;
            }
        }
    }

    private static void Unlink(SlotList slot, DeadlineEntry entry)
    {
        if (entry.Prev is null)
        {
            slot.Head = entry.Next;
        }
        else
        {
            entry.Prev.Next = entry.Next;
        }

        if (entry.Next is not null)
        {
            entry.Next.Prev = entry.Prev;
        }

        entry.Prev = null;
        entry.Next = null;
        Volatile.Write(ref entry.Slot, -1);
    }

    public void Dispose() => _timer.Dispose();

    private sealed class SlotList
    {
        public DeadlineEntry? Head;
    }
}
