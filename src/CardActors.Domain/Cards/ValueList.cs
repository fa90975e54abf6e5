namespace CardActors.Domain.Cards;

/// <summary>
/// A growable list of small structs that allocates nothing until the first item and exposes
/// entries by reference. A field of this type must never be copied: a card's collections live in
/// <see cref="CardState"/> fields and are mutated in place by Apply.
/// </summary>
internal struct ValueList<T>
    where T : struct
{
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return ref _items![index];
        }
    }

    public readonly ReadOnlySpan<T> AsSpan() => _items is null ? default : _items.AsSpan(0, _count);

    public void Add(in T item)
    {
        if (_items is null)
        {
            _items = LongLivedArrays.Allocate<T>(2);
        }
        else if (_count == _items.Length)
        {
            // Grow by half rather than double: these lists stay short and live in every card.
            LongLivedArrays.Resize(ref _items, _count + Math.Max(1, _count / 2));
        }
        _items[_count++] = item;
    }

    /// <summary>Sizes the list for exactly <paramref name="capacity"/> items, as when restoring a snapshot.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > (_items?.Length ?? 0))
        {
            LongLivedArrays.Resize(ref _items, capacity);
        }
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        _count--;
        if (index < _count)
        {
            Array.Copy(_items!, index + 1, _items!, index, _count - index);
        }
        _items![_count] = default;

        // An emptied list keeps its storage: a card's holds come and go with every authorization
        // and its completion, and a new array each time is one more young object that the
        // long-lived card points to (docs/benchmarks.md). Clear gives it back.
    }

    public void Clear()
    {
        LongLivedArrays.Return(_items);
        _items = null;
        _count = 0;
    }
}
