using System.Numerics;

namespace CardActors.Runtime.Dispatch;

/// <summary>
/// A bounded multi-producer, single-consumer queue over an array (each slot carries a sequence
/// number that says whose turn it is). Unlike the linked <see cref="MpscQueue{T}"/>, the consumer
/// finds its items side by side instead of by following links from one item to the next, so a
/// large drain costs independent memory reads the processor can overlap, not one miss after another.
/// </summary>
/// <remarks>
/// A producer claims a position with a CAS on the tail and then publishes the slot with a full
/// fence, so a producer that next checks whether the consumer is scheduled cannot miss a consumer
/// that has just looked for items and gone idle. A producer descheduled between its claim and its
/// publish (a window of a few instructions) holds back the items behind it until it runs again;
/// nothing is lost, and that producer then schedules the consumer itself.
/// The ring holds at most its limit (exactly the capacity asked for), counted as tail minus head.
/// The tail and the head sit on cache lines of their own, and producers test the limit against the
/// last head they saw (never ahead of the real one), reading the consumer's line only when that
/// test fails: a shared counter of queued items, changed by every producer and by the consumer,
/// moved one cache line between the cores per item.
/// </remarks>
internal sealed class MpscRing<T> where T : class
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private readonly long _limit;
    private RingPositions _positions;

    public MpscRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _slots = new Slot[BitOperations.RoundUpToPowerOf2((uint)capacity)];
        _mask = _slots.Length - 1;
        _limit = capacity;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <summary>The number of slots (the requested capacity rounded up to a power of two).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Most items held at once: the capacity asked for.</summary>
    public int Limit => (int)_limit;

    /// <summary>Items claimed and not yet taken by the consumer (a moment's view).</summary>
    public int Count => (int)Math.Max(0, Volatile.Read(ref _positions.Tail) - Volatile.Read(ref _positions.Head));

    /// <summary>True when the ring holds its limit (a moment's view); reads the producers' line only while it has room.</summary>
    public bool IsFull => IsFullAt(Volatile.Read(ref _positions.Tail));

    /// <summary>Adds an item; false when the ring holds its limit.</summary>
    public bool TryEnqueue(T item)
    {
        var position = Volatile.Read(ref _positions.Tail);
        while (true)
        {
            if (IsFullAt(position))
            {
                return false;
            }

            ref var slot = ref _slots[position & _mask];
            var turn = Volatile.Read(ref slot.Sequence) - position;
            if (turn == 0)
            {
                var seen = Interlocked.CompareExchange(ref _positions.Tail, position + 1, position);
                if (seen == position)
                {
                    slot.Item = item;
                    Interlocked.Exchange(ref slot.Sequence, position + 1);
                    return true;
                }

                position = seen;
            }
            else if (turn < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _positions.Tail);
            }
        }
    }

    /// <summary>The oldest published item, or null. Consumer only.</summary>
    public T? TryDequeue()
    {
        var head = _positions.Head;
        ref var slot = ref _slots[head & _mask];
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            return null;
        }

        var item = slot.Item;
        slot.Item = null;
        Volatile.Write(ref slot.Sequence, head + _slots.Length);
        Volatile.Write(ref _positions.Head, head + 1);
        return item;
    }

    /// <summary>True when the next item is published. Consumer only.</summary>
    public bool HasItems
    {
        get
        {
            var head = _positions.Head;
            return Volatile.Read(ref _slots[head & _mask].Sequence) == head + 1;
        }
    }

    /// <summary>
    /// Whether <paramref name="position"/> is a limit past the head. Tested first against the last
    /// head seen; only when that says full is the consumer's head read, and kept as the last seen.
    /// Producers may store heads out of order; any head once read is at most the real one, so a
    /// test against it never admits too many.
    /// </summary>
    private bool IsFullAt(long position)
    {
        if (position - Volatile.Read(ref _positions.HeadSeen) < _limit)
        {
            return false;
        }

        var head = Volatile.Read(ref _positions.Head);
        Volatile.Write(ref _positions.HeadSeen, head);
        return position - head >= _limit;
    }

    private struct Slot
    {
        public long Sequence;
        public T? Item;
    }
}
