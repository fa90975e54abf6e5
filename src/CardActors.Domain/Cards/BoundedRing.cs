using System.Runtime.InteropServices;

namespace CardActors.Domain.Cards;

/// <summary>
/// A card's memory of recent things: at most a given number of small structs, oldest first, the
/// oldest dropped to make room for a new one. It allocates nothing until the first item, and then
/// its whole capacity at once, so a busy card remembers a transaction without allocating. Growing
/// step by step made every few requests a new array that the (long-lived) card pointed to: the
/// garbage collector then had to find it through the card table, keep it and move it, and those
/// arrays were most of what a loaded node's young collections kept (docs/benchmarks.md). The
/// arrays are long-lived (<see cref="LongLivedArrays"/>); those a ring empties or outgrows go back
/// there for the next card. The capacity is the card's (copied from its product at issue) and
/// passed with each add rather than stored. A field of this type must never be copied: a card's
/// memories live in <see cref="CardState"/> fields and are changed in place by Apply. Beside each
/// entry the ring keeps its fingerprints (<see cref="IRingEntry{TSelf}"/>) in a parallel array of
/// 4-byte slots, where <see cref="IndexOf"/> looks first; entries are only replaced whole, through
/// <see cref="Replace"/>, so an entry and its fingerprints never disagree.
/// </summary>
internal struct BoundedRing<T>
    where T : struct, IRingEntry<T>
{
    private T[]? _items;
    private uint[]? _fingerprints;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    /// <summary>The item at <paramref name="index"/>, counted from the oldest.</summary>
    public readonly ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return ref _items![Slot(index)];
        }
    }

    public readonly ref readonly T Oldest => ref this[0];

    /// <summary>Replaces the item at <paramref name="index"/> (from the oldest) with <paramref name="item"/>.</summary>
    public void Replace(int index, in T item)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        Store(Slot(index), item);
    }

    /// <summary>
    /// The index (from the oldest) of the first item at or after <paramref name="start"/> whose
    /// fingerprint in <paramref name="half"/> is <paramref name="fingerprint"/>, or -1. The caller
    /// compares the item itself: fingerprints of different identities can be equal.
    /// </summary>
    public readonly int NextCandidate(int start, uint fingerprint, FingerprintHalf half)
    {
        for (var i = Math.Max(start, 0); i < _count; i++)
        {
            var pair = _fingerprints![Slot(i)];
            var matches = half switch
            {
                FingerprintHalf.Primary => pair >> 16 == fingerprint,
                FingerprintHalf.Secondary => (pair & 0xFFFF) == fingerprint,
                _ => pair >> 16 == fingerprint || (pair & 0xFFFF) == fingerprint,
            };
            if (matches)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The index (from the oldest) of the first item whose fingerprint in <paramref name="half"/> is
    /// <paramref name="fingerprint"/> and that <paramref name="matches"/> <paramref name="sought"/>,
    /// or -1. Only candidates are read and compared; the rest stay in the fingerprints.
    /// </summary>
    public readonly int IndexOf<TSought>(uint fingerprint, FingerprintHalf half, TSought sought, RingMatch<T, TSought> matches)
    {
        for (var i = NextCandidate(0, fingerprint, half); i >= 0; i = NextCandidate(i + 1, fingerprint, half))
        {
            if (matches(in this[i], sought))
            {
                return i;
            }
        }
        return -1;
    }

    public readonly RingView<T> View
    {
        get
        {
            if (_items is null)
            {
                return default;
            }
            var first = Math.Min(_count, _items.Length - _head);
            return new RingView<T>(_items.AsSpan(_head, first), _items.AsSpan(0, _count - first));
        }
    }

    /// <summary>
    /// Hints the lines the next lookup and add will touch: the fingerprints, the oldest item (read
    /// by pruning, and the slot an add to a full ring overwrites) and, in a ring below its
    /// <paramref name="capacity"/>, the slot an add writes. No bounds checks: one reads the array's
    /// length, the very miss the hint is for (the null checks still touch each array's first line).
    /// </summary>
    public readonly void Prefetch(int capacity)
    {
        if (_items is null)
        {
            return;
        }
        CacheHint.Load(ref MemoryMarshal.GetArrayDataReference(_fingerprints!), 0);
        ref var first = ref MemoryMarshal.GetArrayDataReference(_items);
        CacheHint.Load(ref first, _head);
        var next = _head + _count;
        if (next < capacity) // a slot past the wrap is left unhinted rather than bounds-checked
        {
            CacheHint.Load(ref first, next);
        }
    }

    /// <summary>
    /// Appends <paramref name="item"/> as the newest. When <paramref name="capacity"/> items are
    /// already held, the oldest is dropped first and returned in <paramref name="dropped"/>.
    /// </summary>
    /// <returns>True when an item was dropped.</returns>
    public bool Add(in T item, int capacity, out T dropped)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a ring holds at least one item");
        }
        var full = _count >= capacity;
        dropped = full ? _items![_head] : default;
        if (full)
        {
            DropOldestKeepingStorage();
        }
        if (_items is null)
        {
            _items = LongLivedArrays.Allocate<T>(capacity);
            _fingerprints = LongLivedArrays.Allocate<uint>(capacity);
        }
        else if (_count == _items.Length)
        {
            Grow(capacity);
        }
        Store(Slot(_count), item);
        _count++;
        return full;
    }

    /// <summary>Drops the oldest item; an emptied ring gives its storage back.</summary>
    public void RemoveOldest()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("the ring is empty");
        }
        DropOldestKeepingStorage();
        if (_count == 0)
        {
            Clear();
        }
    }

    /// <summary>Removes the item at <paramref name="index"/> (from the oldest), keeping the others in order.</summary>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        for (var i = index; i < _count - 1; i++)
        {
            var from = Slot(i + 1);
            var to = Slot(i);
            _items![to] = _items[from];
            _fingerprints![to] = _fingerprints[from];
        }
        _items![Slot(_count - 1)] = default;
        _count--;
        if (_count == 0)
        {
            Clear();
        }
    }

    public void Clear()
    {
        LongLivedArrays.Return(_items);
        LongLivedArrays.Return(_fingerprints);
        _items = null;
        _fingerprints = null;
        _head = 0;
        _count = 0;
    }

    private void DropOldestKeepingStorage()
    {
        _items![_head] = default;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        _count--;
    }

    /// <summary>
    /// Grows to the whole capacity, laying the items out oldest first again: a ring whose product
    /// now remembers more reallocates once.
    /// </summary>
    private void Grow(int capacity)
    {
        if (capacity <= _items!.Length)
        {
            throw new InvalidOperationException("a ring at its capacity cannot grow");
        }
        var larger = LongLivedArrays.Allocate<T>(capacity);
        var largerFingerprints = LongLivedArrays.Allocate<uint>(capacity);
        var first = Math.Min(_count, _items.Length - _head);
        _items.AsSpan(_head, first).CopyTo(larger);
        _items.AsSpan(0, _count - first).CopyTo(larger.AsSpan(first));
        _fingerprints!.AsSpan(_head, first).CopyTo(largerFingerprints);
        _fingerprints.AsSpan(0, _count - first).CopyTo(largerFingerprints.AsSpan(first));
        LongLivedArrays.Return(_items);
        LongLivedArrays.Return(_fingerprints);
        _items = larger;
        _fingerprints = largerFingerprints;
        _head = 0;
    }

    private void Store(int slot, in T item)
    {
        _items![slot] = item;
        _fingerprints![slot] = T.Fingerprints(item);
    }

    private readonly int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _items!.Length ? slot - _items.Length : slot;
    }
}
