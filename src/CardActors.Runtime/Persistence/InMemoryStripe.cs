namespace CardActors.Runtime.Persistence;

/// <summary>
/// One lock's worth of the in-memory journal: the events of the shards that map to it, in an
/// arena of their own, and those shards' position lists. A position names its stripe in its top
/// bits, so an entity's chain of events can be followed from any stripe.
/// </summary>
internal sealed class InMemoryStripe(int index)
{
    private const int StripeShift = 56; // arena positions stay below: chunk << 32 | offset, chunks far fewer than 2^24
    private readonly NativeArena _arena = new();
    private readonly Dictionary<int, PositionList> _shards = [];

    public int Index { get; } = index;

    /// <summary>Held while anything of this stripe, or an entity log it guards, is read or changed.</summary>
    public Lock Gate { get; } = new();

    public static int StripeOf(long position) => (int)(position >> StripeShift);

    public long Append(in InMemoryEventHeader header, ReadOnlySpan<byte> payload)
    {
        var record = _arena.Allocate(InMemoryEventHeader.Size + payload.Length, out var position);
        header.Write(record, payload.Length);
        payload.CopyTo(record[InMemoryEventHeader.Size..]);
        return ((long)Index << StripeShift) | position;
    }

    /// <summary>The payload at a position of this stripe, and its header.</summary>
    public ReadOnlySpan<byte> Read(long position, out InMemoryEventHeader header)
    {
        var record = _arena.From(position & ((1L << StripeShift) - 1));
        header = InMemoryEventHeader.Read(record, out var length);
        return record.Slice(InMemoryEventHeader.Size, length);
    }

    /// <summary>The shard's position list, begun on its first event.</summary>
    public PositionList ShardOf(int shardId)
    {
        if (!_shards.TryGetValue(shardId, out var shard))
        {
            shard = new PositionList();
            _shards.Add(shardId, shard);
        }

        return shard;
    }

    public PositionList? FindShard(int shardId) => _shards.GetValueOrDefault(shardId);
}
