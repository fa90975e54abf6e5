namespace CardActors.Iso8583;

/// <summary>
/// Field 90, n42: the original message's MTI (4 digits), STAN (6), transmission date-time
/// MMDDhhmmss (10), acquiring institution id (11, zero-filled on the left) and forwarding
/// institution id (11, zero-filled; 0 when the original had no field 33).
/// </summary>
public readonly record struct OriginalDataElements(
    MessageType OriginalType, int Stan, long TransmissionDateTime, long AcquirerId, long ForwardingId)
{
    public const int Digits = 42;
    public const int EncodedBytes = 21;

    /// <summary>The duplicate-detection key the original message had, given the terminal that sent both.</summary>
    public TransmissionKey ToTransmissionKey(ulong terminalId) => new(AcquirerId, terminalId, Stan, TransmissionDateTime);

    /// <summary>Writes the 21 packed BCD bytes of field 90.</summary>
    public void WriteTo(Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[Digits];
        WriteDigits(digits[..4], (int)OriginalType, "original MTI");
        WriteDigits(digits.Slice(4, 6), Stan, "original STAN");
        WriteDigits(digits.Slice(10, 10), TransmissionDateTime, "original transmission date-time");
        WriteDigits(digits.Slice(20, 11), AcquirerId, "original acquirer id");
        WriteDigits(digits.Slice(31, 11), ForwardingId, "original forwarding id");
        Bcd.Write(destination[..EncodedBytes], digits);
    }

    internal static OriginalDataElements Read(ReadOnlySpan<byte> packed) => new(
        (MessageType)Bcd.ToInt64(packed, Digits, 0, 4),
        (int)Bcd.ToInt64(packed, Digits, 4, 6),
        Bcd.ToInt64(packed, Digits, 10, 10),
        Bcd.ToInt64(packed, Digits, 20, 11),
        Bcd.ToInt64(packed, Digits, 31, 11));

    private static void WriteDigits(Span<byte> destination, long value, string what)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The {what} is negative.");
        }

        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The {what} has more than {destination.Length} digits.");
        }
    }
}
