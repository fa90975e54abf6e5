using System.Buffers.Binary;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// An event's header in the in-memory journal's arena: the entity (its index in the catalog), its
/// sequence number, its time and the position of the entity's previous event. Its shard sequence
/// number is its place in the shard's position list.
/// </summary>
internal readonly record struct InMemoryEventHeader(int Entity, long SequenceNr, long Ticks, long Previous)
{
    public const int Size = 4 + 8 + 8 + 8 + 4; // + payload length

    public void Write(Span<byte> span, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, Entity);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], SequenceNr);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], Ticks);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], Previous);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], payloadLength);
    }

    public static InMemoryEventHeader Read(ReadOnlySpan<byte> span, out int payloadLength)
    {
        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[28..]);
        return new InMemoryEventHeader(
            BinaryPrimitives.ReadInt32LittleEndian(span),
            BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[20..]));
    }
}
