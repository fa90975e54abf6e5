using System.Runtime.InteropServices;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// A connection's messages awaiting their answers, found by terminal + STAN, and their deadlines
/// in send order. Slots are reused and the deadline queue is a ring, so a warmed-up table
/// allocates nothing per message. Not thread-safe: the connection holds its lock around it.
/// </summary>
internal sealed class PendingTable
{
    private readonly Dictionary<ulong, int> _slots = [];
    private PendingEntry[] _entries = new PendingEntry[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _allocated;
    private int[] _queueSlots = new int[256];
    private int[] _queueGenerations = new int[256];
    private int _queueHead;
    private int _queueCount;

    public int Count => _slots.Count;

    public static ulong KeyOf(int terminal, int stan) => ((ulong)(uint)terminal << 32) | (uint)stan;

    /// <summary>Adds <paramref name="entry"/> under its key; false when that terminal + STAN is still outstanding.</summary>
    public bool TryAdd(in PendingEntry entry)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, entry.Key, out var exists);
        if (exists)
        {
            return false;
        }

        slot = Allocate();
        var generation = _entries[slot].Generation;
        _entries[slot] = entry;
        _entries[slot].Generation = generation;
        Enqueue(slot, generation);
        return true;
    }

    public bool TryRemove(ulong key, out PendingEntry entry)
    {
        if (!_slots.Remove(key, out var slot))
        {
            entry = default;
            return false;
        }

        entry = _entries[slot];
        Free(slot);
        return true;
    }

    /// <summary>Removes the oldest message whose deadline is at or before <paramref name="now"/>, if any.</summary>
    public bool TryRemoveExpired(long now, out PendingEntry entry)
    {
        while (_queueCount > 0)
        {
            var slot = _queueSlots[_queueHead];
            var live = _entries[slot].Generation == _queueGenerations[_queueHead];
            if (live && _entries[slot].Deadline > now)
            {
                break;
            }

            _queueHead = (_queueHead + 1) % _queueSlots.Length;
            _queueCount--;
            if (live)
            {
                entry = _entries[slot];
                _slots.Remove(entry.Key);
                Free(slot);
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Removes and returns every outstanding message (the connection is gone).</summary>
    public List<PendingEntry> RemoveAll()
    {
        var all = new List<PendingEntry>(_slots.Count);
        foreach (var slot in _slots.Values)
        {
            all.Add(_entries[slot]);
            Free(slot);
        }

        _slots.Clear();
        _queueHead = 0;
        _queueCount = 0;
        return all;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_allocated == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return _allocated++;
    }

    private void Free(int slot)
    {
        _entries[slot].Generation++;
        _entries[slot].Sink = null;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
    }

    private void Enqueue(int slot, int generation)
    {
        if (_queueCount == _queueSlots.Length)
        {
            Grow();
        }

        var tail = (_queueHead + _queueCount) % _queueSlots.Length;
        _queueSlots[tail] = slot;
        _queueGenerations[tail] = generation;
        _queueCount++;
    }

    // Completed messages leave their record until it reaches the head; the ring holds about
    // rate × timeout records, and grows (by doubling, keeping order) only while warming up.
    private void Grow()
    {
        var slots = new int[_queueSlots.Length * 2];
        var generations = new int[slots.Length];
        for (var i = 0; i < _queueCount; i++)
        {
            var from = (_queueHead + i) % _queueSlots.Length;
            slots[i] = _queueSlots[from];
            generations[i] = _queueGenerations[from];
        }

        _queueSlots = slots;
        _queueGenerations = generations;
        _queueHead = 0;
        _queueCount = slots.Length / 2;
    }
}
