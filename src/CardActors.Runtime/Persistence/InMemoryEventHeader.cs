using System.Buffers.Binary;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// An event's header in the in-memory journal's arena: the entity (its index in the catalog), its
/// sequence number, its time and the position of the entity's previous event. Its shard sequence
/// number is its place in the shard's position list.
/// </summary>
/// <remarks>
/// Laid out as the payload length, the entity and the sequence number in 7-bit groups, the ticks in
/// 8 bytes, and the distance back to the previous event (zigzag, 7-bit groups): 17 to 20 bytes for
/// a busy card instead of 32 in fixed fields. The arena keeps every event for the journal's life
/// and its fresh pages are most of what a write costs beyond the copy (on a virtual machine the
/// first touch of a page traps to the hypervisor), so a smaller header is less of that cost.
/// </remarks>
internal readonly record struct InMemoryEventHeader(int Entity, long SequenceNr, long Ticks, long Previous)
{
    /// <summary>The most bytes a header takes: payload length and entity (up to 5 each), sequence number (up to 10), ticks (8), distance back (up to 10).</summary>
    public const int MaxSize = 5 + 5 + 10 + 8 + 10;

    /// <summary>Writes the header of the record at <paramref name="position"/>; returns its length.</summary>
    public int Write(Span<byte> span, int payloadLength, long position)
    {
        var length = WriteUnsigned(span, (uint)payloadLength);
        length += WriteUnsigned(span[length..], (uint)Entity);
        length += WriteUnsigned(span[length..], (ulong)SequenceNr);
        BinaryPrimitives.WriteInt64LittleEndian(span[length..], Ticks);
        length += sizeof(long);
        var back = position - Previous;
        length += WriteUnsigned(span[length..], (ulong)((back << 1) ^ (back >> 63)));
        return length;
    }

    /// <summary>Reads the header of the record at <paramref name="position"/>; returns the header's length.</summary>
    public static InMemoryEventHeader Read(ReadOnlySpan<byte> span, long position, out int headerLength, out int payloadLength)
    {
        var offset = 0;
        payloadLength = checked((int)ReadUnsigned(span, ref offset));
        var entity = checked((int)ReadUnsigned(span, ref offset));
        var sequenceNr = (long)ReadUnsigned(span, ref offset);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span[offset..]);
        offset += sizeof(long);
        var zigzag = ReadUnsigned(span, ref offset);
        var back = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        headerLength = offset;
        return new InMemoryEventHeader(entity, sequenceNr, ticks, position - back);
    }

    private static int WriteUnsigned(Span<byte> span, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        return length;
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> span, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("An in-memory event header holds a number longer than 64 bits.");
    }
}
