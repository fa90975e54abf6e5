using System.Buffers;
using CardActors.Domain.Issuance;

namespace CardActors.Domain.Encoding;

/// <summary>The journal format of card number pool events: tag byte, version byte, instant, first sequence (u64), count (i32).</summary>
public static class CardNumberPoolEventCodec
{
    public const byte Version1 = 1;

    public static int Encode(CardNumbersReserved reserved, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var writer = new CodecWriter(output);
        writer.WriteByte((byte)CardNumberPoolEventTag.CardNumbersReserved);
        writer.WriteByte(Version1);
        writer.WriteInstant(reserved.At);
        writer.WriteUInt64(reserved.FirstSequence);
        writer.WriteInt32(reserved.Count);
        return writer.Commit();
    }

    public static CardNumbersReserved Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = reader.ReadByte();
        if (tag != (byte)CardNumberPoolEventTag.CardNumbersReserved)
        {
            throw new CodecException("unknown card number pool event tag " + tag);
        }
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("card number pool event: unknown version " + version);
        }
        var reserved = new CardNumbersReserved(reader.ReadInstant(), reader.ReadUInt64(), reader.ReadInt32());
        reader.EnsureEnd();
        return reserved.Count >= 1 ? reserved : throw new CodecException("card number pool event: count must be positive");
    }
}
