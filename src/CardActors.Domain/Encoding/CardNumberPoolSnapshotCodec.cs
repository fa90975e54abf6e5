using System.Buffers;
using CardActors.Domain.Issuance;

namespace CardActors.Domain.Encoding;

/// <summary>Snapshot format of the card number pool: version byte, next sequence number (u64).</summary>
public static class CardNumberPoolSnapshotCodec
{
    public const byte Version1 = 1;

    public static int Encode(CardNumberPoolState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        writer.WriteUInt64(state.NextSequence);
        return writer.Commit();
    }

    public static CardNumberPoolState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("card number pool snapshot: unknown version " + version);
        }
        var state = new CardNumberPoolState();
        state.Restore(reader.ReadUInt64());
        reader.EnsureEnd();
        return state;
    }
}
