using System.Buffers.Binary;

namespace CardActors.Iso8583;

/// <summary>
/// The duplicate-detection key: the transmission key, plus the retrieval reference number (37) for
/// refunds (0200 with processing code 20xxxx) and reversals (0400, 0420); zero RRN otherwise.
/// </summary>
public readonly record struct DuplicateKey(TransmissionKey Transmission, UInt128 RetrievalReference)
{
    public static DuplicateKey Of(Iso8583Message message)
    {
        var type = message.MessageType;
        var withRrn = type is MessageType.ReversalRequest or MessageType.ReversalAdvice ||
            (type == MessageType.FinancialRequest && message.TransactionType == TransactionType.Refund);
        var rrn = withRrn ? PackRetrievalReference(message.GetText(FieldNumber.RetrievalReferenceNumber)) : UInt128.Zero;
        return new DuplicateKey(TransmissionKey.Of(message), rrn);
    }

    /// <summary>The 12 ASCII bytes of an RRN (field 37) as one number.</summary>
    public static UInt128 PackRetrievalReference(ReadOnlySpan<byte> rrn)
    {
        if (rrn.Length != 12)
        {
            throw new ArgumentException("A retrieval reference number is exactly 12 characters.", nameof(rrn));
        }

        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        rrn.CopyTo(padded[4..]);
        return BinaryPrimitives.ReadUInt128BigEndian(padded);
    }
}
