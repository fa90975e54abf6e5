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

    /// <summary>Arena bytes holding this stripe's events.</summary>
    public long StoredBytes => _arena.UsedBytes;

    /// <summary>See <see cref="NativeArena.Reserve"/>.</summary>
    public void Reserve(long bytes) => _arena.Reserve(bytes);

    public static int StripeOf(long position) => (int)(position >> StripeShift);

    public long Append(in InMemoryEventHeader header, ReadOnlySpan<byte> payload)
    {
        // The header's length is known once its position is (it stores the distance back), so the
        // record takes the most a header can need and gives back what it did not use.
        var reserved = InMemoryEventHeader.MaxSize + payload.Length;
        var record = _arena.Allocate(reserved, out var arenaPosition);
        var position = ((long)Index << StripeShift) | arenaPosition;
        var headerLength = header.Write(record, payload.Length, position);
        payload.CopyTo(record[headerLength..]);
        _arena.GiveBack(reserved - headerLength - payload.Length);
        return position;
    }

    /// <summary>The payload at a position of this stripe, and its header.</summary>
    public ReadOnlySpan<byte> Read(long position, out InMemoryEventHeader header)
    {
        var record = _arena.From(position & ((1L << StripeShift) - 1));
        header = InMemoryEventHeader.Read(record, position, out var headerLength, out var payloadLength);
        return record.Slice(headerLength, payloadLength);
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
