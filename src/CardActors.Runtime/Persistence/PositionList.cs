namespace CardActors.Runtime.Persistence;

/// <summary>
/// A growable list of arena positions in pages that are never copied: plain longs, nothing for
/// the collector to trace, and a long list does not churn ever larger arrays through the heap.
/// </summary>
internal sealed class PositionList
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift; // 32 KiB of positions: below the large object heap
    private readonly List<long[]> _pages = [];

    public long Count { get; private set; }

    public long this[long index] => _pages[(int)(index >> PageShift)][index & (PageSize - 1)];

    public void Add(long position)
    {
        var offset = (int)(Count & (PageSize - 1));
        if (offset == 0)
        {
            // The first page starts small: most lists in tests hold a handful of positions.
            _pages.Add(new long[_pages.Count == 0 ? 16 : PageSize]);
        }
        else if (_pages.Count == 1 && offset == _pages[0].Length)
        {
            var first = _pages[0];
            Array.Resize(ref first, Math.Min(PageSize, first.Length * 4));
            _pages[0] = first;
        }

        _pages[^1][offset] = position;
        Count++;
    }
}
