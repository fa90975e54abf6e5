using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The wire format of a <see cref="CardReply"/> sent back to the node that forwarded the command:
/// a format version byte (1), response code (u8), transaction id (u64), approved, captured and
/// refunded amounts, main, bonus and available balances (i64 each), decline reason (u8), repeated
/// (bool); 60 bytes. There is one reply type, so no tag. A changed layout gets a new version and
/// the old one stays decodable, since nodes of different builds talk during a rolling upgrade.
/// </summary>
public static class CardReplyCodec
{
    public const byte Version1 = 1;

    /// <summary>Bytes in a version 1 reply, for callers that size a buffer up front.</summary>
    public const int Version1Length = 60;

    public static int Encode(in CardReply reply, IBufferWriter<byte> output)
    {
        var code = CardValueCodec.Defined(reply.Code);
        var reason = CardValueCodec.Defined(reply.Reason);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        writer.WriteByte((byte)code);
        writer.WriteTransactionId(reply.TransactionId);
        writer.WriteInt64(reply.ApprovedAmount);
        writer.WriteInt64(reply.CapturedAmount);
        writer.WriteInt64(reply.RefundedAmount);
        writer.WriteInt64(reply.MainBalance);
        writer.WriteInt64(reply.BonusBalance);
        writer.WriteInt64(reply.Available);
        writer.WriteByte((byte)reason);
        writer.WriteBool(reply.Repeated);
        return writer.Commit();
    }

    public static CardReply Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("card reply: unknown version " + version);
        }
        var reply = new CardReply(
            reader.ReadEnum<ResponseCode>(),
            reader.ReadTransactionId(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadEnum<DeclineReason>(),
            reader.ReadBool());
        reader.EnsureEnd();
        return reply;
    }
}
