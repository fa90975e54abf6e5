using System.Runtime.InteropServices;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// Append-only byte storage in 4 MiB chunks of native memory that never move; a position is
/// chunk &lt;&lt; 32 | offset. Outside the managed heap on purpose: an in-memory journal keeps millions
/// of events, and as large managed arrays its chunks counted against the collector's budget and
/// triggered full collections (3 to 4 per ten-second benchmark run, none without them). Chunks are
/// not zeroed: every byte is written before it is read. Freed when the arena is collected (the
/// in-memory journal keeps its events for as long as anyone holds it, across closes and reopens).
/// A fresh chunk's pages are committed by the operating system as they are first written, so an
/// arena holding a few events does not cost a whole chunk. On Linux a chunk is aligned to 2 MiB and
/// advised to be backed by huge pages: filling 4 KiB pages one at a time cost a page fault every
/// few dozen events, and on a virtual machine each fault traps to the hypervisor (3 to 4 % of the
/// kernel benchmark's CPU). Where huge pages are off the advice is ignored. Even so, the first
/// write to a fresh chunk costs the operating system its zeroing and the hypervisor its mapping
/// (7 % of the card benchmark's samples, in the page-fault path under the append), so an owner
/// that knows how much it will store can <see cref="Reserve"/> chunks up front, written once, and
/// pay that before it starts. Not thread-safe: the owner serializes calls, and holds the arena
/// (under its lock) while it reads a returned span.
/// </summary>
internal sealed unsafe class NativeArena
{
    private const int ChunkSize = 4 << 20;
    private const int HugePage = 2 << 20;
    private const int AdviseHugePage = 14; // MADV_HUGEPAGE
    private const int AdvisePopulateWrite = 23; // MADV_POPULATE_WRITE (Linux 5.14)
    private const int Page = 4096;
    private readonly List<(nint Start, int Length)> _chunks = [];
    private readonly Queue<nint> _reserved = new(); // whole chunks, already written once, taken before fresh ones
    private long _filled; // bytes used in the chunks before the latest
    private int _used;
    private int _latest; // the size of the latest allocation, which GiveBack may shorten

    ~NativeArena()
    {
        foreach (var (start, _) in _chunks)
        {
            NativeMemory.AlignedFree((void*)start);
        }

        foreach (var start in _reserved)
        {
            NativeMemory.AlignedFree((void*)start);
        }
    }

    /// <summary>Bytes handed out and kept (what was given back is not counted).</summary>
    public long UsedBytes => _filled + _used;

    /// <summary>Reserved bytes not yet handed out.</summary>
    public long ReservedBytes => (long)_reserved.Count * ChunkSize;

    /// <summary>
    /// Makes at least <paramref name="bytes"/> more ready now, in whole chunks whose pages are already
    /// committed, so that later allocations do not fault them in one by one.
    /// </summary>
    public void Reserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        for (long made = 0; made < bytes; made += ChunkSize)
        {
            var start = AllocateChunk(ChunkSize);
            Commit(start, ChunkSize);
            _reserved.Enqueue(start);
        }
    }

    /// <summary>Reserves <paramref name="size"/> contiguous bytes for the caller to fill.</summary>
    public Span<byte> Allocate(int size, out long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (_chunks.Count == 0 || _used + size > _chunks[^1].Length)
        {
            var length = Math.Max(ChunkSize, size);
            _chunks.Add((length == ChunkSize && _reserved.TryDequeue(out var ready) ? ready : AllocateChunk(length), length));
            _filled += _used;
            _used = 0;
        }

        var (start, _) = _chunks[^1];
        position = ((long)(_chunks.Count - 1) << 32) | (uint)_used;
        var span = new Span<byte>((byte*)start + _used, size);
        _used += size;
        _latest = size;
        return span;
    }

    /// <summary>Returns the unused end of the latest allocation; positions already given stay valid.</summary>
    public void GiveBack(int unused)
    {
        if (unused < 0 || unused > _latest)
        {
            throw new ArgumentOutOfRangeException(nameof(unused), unused, "more than the latest allocation");
        }

        _used -= unused;
        _latest -= unused;
    }

    private static nint AllocateChunk(int length)
    {
        var start = NativeMemory.AlignedAlloc((nuint)length, HugePage);
        if (OperatingSystem.IsLinux())
        {
            _ = Advise(start, (nuint)length, AdviseHugePage); // advice only: a failure leaves ordinary pages
        }

        return (nint)start;
    }

    private static void Commit(nint start, int length)
    {
        if (OperatingSystem.IsLinux() && Advise((void*)start, (nuint)length, AdvisePopulateWrite) == 0)
        {
            return;
        }

        // Older kernels and other systems: one write per page commits it just the same.
        for (var offset = 0; offset < length; offset += Page)
        {
            ((byte*)start)[offset] = 0;
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Advise(void* start, nuint length, int advice);

    /// <summary>The bytes from a position to the end of its chunk (the caller knows its record's length).</summary>
    public ReadOnlySpan<byte> From(long position)
    {
        var (start, length) = _chunks[(int)(position >> 32)];
        var offset = (int)(uint)position;
        if (offset > length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "is past the end of its chunk");
        }

        return new ReadOnlySpan<byte>((byte*)start + offset, length - offset);
    }
}
