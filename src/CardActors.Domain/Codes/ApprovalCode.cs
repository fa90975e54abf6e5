using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Codes;

/// <summary>
/// The six-character approval code (ISO 8583 field 38) of an approved transaction. It is derived
/// from the transaction id, so a repeated request gets the same code without storing it.
/// </summary>
public readonly record struct ApprovalCode(int Value)
{
    public const int Length = 6;

    public bool IsNone => Value == 0;

    public static ApprovalCode For(TransactionId transactionId)
    {
        var mixed = transactionId.Value * 0x9E3779B97F4A7C15UL;
        mixed ^= mixed >> 29;
        // 1..999999: zero is reserved for "no approval code".
        return new ApprovalCode((int)(mixed % 999_999UL) + 1);
    }

    public void WriteAscii(Span<byte> destination)
    {
        var rest = Value;
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (rest % 10));
            rest /= 10;
        }
    }

    public override string ToString() => Value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
