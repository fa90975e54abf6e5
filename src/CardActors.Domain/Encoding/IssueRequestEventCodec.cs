using System.Buffers;
using CardActors.Domain.Issuance;

namespace CardActors.Domain.Encoding;

/// <summary>The journal format of issue request events: tag byte, version byte, instant, card number (digits u64, length u8).</summary>
public static class IssueRequestEventCodec
{
    public const byte Version1 = 1;

    public static int Encode(CardNumberAssigned assigned, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        var writer = new CodecWriter(output);
        writer.WriteByte((byte)IssueRequestEventTag.CardNumberAssigned);
        writer.WriteByte(Version1);
        writer.WriteInstant(assigned.At);
        writer.WriteCardNumber(assigned.Card);
        return writer.Commit();
    }

    public static CardNumberAssigned Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = reader.ReadByte();
        if (tag != (byte)IssueRequestEventTag.CardNumberAssigned)
        {
            throw new CodecException("unknown issue request event tag " + tag);
        }
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("issue request event: unknown version " + version);
        }
        var assigned = new CardNumberAssigned(reader.ReadInstant(), reader.ReadCardNumber());
        reader.EnsureEnd();
        return assigned.Card.IsEmpty ? throw new CodecException("issue request event: the card number is empty") : assigned;
    }
}
