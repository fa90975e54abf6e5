using System.Buffers.Binary;
using CardActors.Domain.Identifiers;
using CardActors.Iso8583;

namespace CardActors.Node.Gateway;

/// <summary>
/// How a POS message becomes a card transaction's identity, computed from the wire alone so that it
/// is the same on every node and after every restart:
/// <list type="bullet">
/// <item>the transaction id is a hash of the transmission key (acquirer id, merchant id, terminal id,
/// STAN, transmission date-time), so a completion or reversal names its original's id from field 90.
/// A terminal id is unique only within its merchant (two merchants may both have a TERM0001), so
/// the merchant is part of the terminal's identity;</item>
/// <item>the idempotency key is that hash plus a hash of the content (MTI, card or payment code,
/// processing code, amount, currency, original data): a retransmission with the same content gets
/// the card's first answer, and the same transmission with other content is refused by the card as
/// a reused transaction id (94).</item>
/// </list>
/// </summary>
internal static class IsoIdentity
{
    private const ulong ContentDomain = 0x49534F2D434F4E54; // "ISO-CONT"
    private const ulong TransmissionDomain = 0x49534F2D54584944; // "ISO-TXID"

    public static TransactionId TransactionOf(long acquirerId, MerchantId merchant, TerminalId terminal, int stan, long transmissionDateTime)
    {
        Span<byte> layout = stackalloc byte[8 + MerchantId.Length + 8 + 4 + 8];
        BinaryPrimitives.WriteInt64LittleEndian(layout, acquirerId);
        merchant.CopyTo(layout[8..]);
        BinaryPrimitives.WriteUInt64LittleEndian(layout[(8 + MerchantId.Length)..], terminal.Packed);
        BinaryPrimitives.WriteInt32LittleEndian(layout[(16 + MerchantId.Length)..], stan);
        BinaryPrimitives.WriteInt64LittleEndian(layout[(20 + MerchantId.Length)..], transmissionDateTime);
        var (high, _) = StableHash128.Hash(layout, TransmissionDomain);
        return new TransactionId(high == 0 ? 1 : high);
    }

    public static IdempotencyKey KeyOf(TransactionId transaction, Iso8583Message message, ReadOnlySpan<byte> cardOrCode)
    {
        Span<byte> content = stackalloc byte[4 + 32 + 8 + 8 + 4 + OriginalDataElements.EncodedBytes];
        content.Clear();
        var mti = (ushort)message.Mti;
        content[0] = (byte)mti;
        content[1] = (byte)(mti >> 8);
        cardOrCode[..Math.Min(cardOrCode.Length, 32)].CopyTo(content[4..]);
        Write(content[36..], message.TryGetNumeric(FieldNumber.ProcessingCode, out var processing) ? processing : -1);
        Write(content[44..], message.TryGetNumeric(FieldNumber.Amount, out var amount) ? amount : -1);
        Write(content[52..], message.TryGetNumeric(FieldNumber.Currency, out var currency) ? currency : -1, 4);
        if (message.Has(FieldNumber.OriginalData))
        {
            message.GetRaw(FieldNumber.OriginalData).CopyTo(content[56..]);
        }

        var (_, low) = StableHash128.Hash(content, ContentDomain);
        return new IdempotencyKey(transaction.Value, low == 0 ? 1 : low);
    }

    private static void Write(Span<byte> destination, long value, int bytes = 8)
    {
        for (var i = 0; i < bytes; i++)
        {
            destination[i] = (byte)(value >> (8 * i));
        }
    }
}
