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
/// </remarks>
internal sealed class MpscRing<T> where T : class
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private long _tail;   // producers
    private long _head;   // the consumer only

    public MpscRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _slots = new Slot[BitOperations.RoundUpToPowerOf2((uint)capacity)];
        _mask = _slots.Length - 1;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <summary>The number of slots (the requested capacity rounded up to a power of two).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Adds an item; false when every slot is taken.</summary>
    public bool TryEnqueue(T item)
    {
        var position = Volatile.Read(ref _tail);
        while (true)
        {
            ref var slot = ref _slots[position & _mask];
            var turn = Volatile.Read(ref slot.Sequence) - position;
            if (turn == 0)
            {
                var seen = Interlocked.CompareExchange(ref _tail, position + 1, position);
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
                position = Volatile.Read(ref _tail);
            }
        }
    }

    /// <summary>The oldest published item, or null. Consumer only.</summary>
    public T? TryDequeue()
    {
        ref var slot = ref _slots[_head & _mask];
        if (Volatile.Read(ref slot.Sequence) != _head + 1)
        {
            return null;
        }

        var item = slot.Item;
        slot.Item = null;
        Volatile.Write(ref slot.Sequence, _head + _slots.Length);
        _head++;
        return item;
    }

    /// <summary>True when the next item is published. Consumer only.</summary>
    public bool HasItems => Volatile.Read(ref _slots[_head & _mask].Sequence) == _head + 1;

    private struct Slot
    {
        public long Sequence;
        public T? Item;
    }
}
