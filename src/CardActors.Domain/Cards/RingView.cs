namespace CardActors.Domain.Cards;

/// <summary>
/// A read-only look at one of a card's bounded memories, oldest first, without copying: the ring's
/// storage is two spans at most (before and after the point where it wraps).
/// </summary>
public readonly ref struct RingView<T>
    where T : struct
{
    private readonly ReadOnlySpan<T> _older;
    private readonly ReadOnlySpan<T> _newer;

    internal RingView(ReadOnlySpan<T> older, ReadOnlySpan<T> newer)
    {
        _older = older;
        _newer = newer;
    }

    public int Length => _older.Length + _newer.Length;

    public bool IsEmpty => Length == 0;

    public ref readonly T this[int index] =>
        ref (uint)index < (uint)_older.Length ? ref _older[index] : ref _newer[index - _older.Length];

    public T[] ToArray()
    {
        var items = new T[Length];
        _older.CopyTo(items);
        _newer.CopyTo(items.AsSpan(_older.Length));
        return items;
    }

    public Enumerator GetEnumerator() => new(this);

    public ref struct Enumerator
    {
        private readonly RingView<T> _view;
        private int _index;

        internal Enumerator(RingView<T> view)
        {
            _view = view;
            _index = -1;
        }

        public readonly ref readonly T Current => ref _view[_index];

        public bool MoveNext() => ++_index < _view.Length;
    }
}
