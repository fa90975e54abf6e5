using System.Collections.Concurrent;
using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Entities;

/// <summary>
/// Owns the writes that carry snapshots. Snapshots are an optimisation: a failed one is simply
/// written again later. Their writes are pooled: a snapshot is larger than the inline bytes of a
/// write, and a new write for each grew its buffer by doubling (four arrays for a busy card's
/// snapshot), a tenth of what the card benchmark allocated.
/// </summary>
internal sealed class SnapshotWriteOwner : IJournalWriteOwner
{
    private const int PoolCapacity = 256;

    public static readonly SnapshotWriteOwner Instance = new();

    private readonly ConcurrentQueue<JournalWrite> _pool = new();

    private SnapshotWriteOwner()
    {
    }

    /// <summary>A write with this owner, ready for one snapshot; it comes back when the store is done with it.</summary>
    public JournalWrite Rent() => _pool.TryDequeue(out var write) ? write : new JournalWrite(this);

    public void OnWriteCompleted(JournalWrite write) => Return(write);

    /// <summary>Takes back a write that was rented and not handed to a writer, or that the store completed.</summary>
    public void Return(JournalWrite write)
    {
        write.Reset();
        if (_pool.Count < PoolCapacity)
        {
            _pool.Enqueue(write);
        }
    }
}
