namespace CardActors.Iso8583;

/// <summary>
/// Field 48, additional data (private): a sequence of subelements, each a 2-character tag
/// (A–Z, 0–9), a 3-digit ASCII length and that many characters of value. Tags defined:
/// PC — the payment code (16–32 characters, 0–9 and A–Z), in 0100/0200 requests;
/// BN — the batch number (6 digits), in 0500. Unknown tags and repeated tags are format errors.
/// </summary>
public static class AdditionalData
{
    public const int HeaderLength = 5;
    public const int PaymentCodeMinLength = 16;
    public const int PaymentCodeMaxLength = 32;
    public const int BatchNumberLength = 6;

    public static ReadOnlySpan<byte> PaymentCodeTag => "PC"u8;

    public static ReadOnlySpan<byte> BatchNumberTag => "BN"u8;

    /// <summary>Finds a subelement's value in well-formed field 48 content.</summary>
    public static bool TryFind(ReadOnlySpan<byte> content, ReadOnlySpan<byte> tag, out ReadOnlySpan<byte> value)
    {
        var position = 0;
        while (content.Length - position >= HeaderLength)
        {
            var length = ReadLength(content.Slice(position + 2, 3));
            if (length < 0 || content.Length - position - HeaderLength < length)
            {
                break;
            }

            if (content.Slice(position, 2).SequenceEqual(tag))
            {
                value = content.Slice(position + HeaderLength, length);
                return true;
            }

            position += HeaderLength + length;
        }

        value = default;
        return false;
    }

    /// <summary>Writes one subelement; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> value)
    {
        if (tag.Length != 2 || value.Length > 999)
        {
            throw new ArgumentException("A subelement has a 2-character tag and at most 999 characters of value.");
        }

        tag.CopyTo(destination);
        destination[2] = (byte)('0' + value.Length / 100);
        destination[3] = (byte)('0' + value.Length / 10 % 10);
        destination[4] = (byte)('0' + value.Length % 10);
        value.CopyTo(destination[HeaderLength..]);
        return HeaderLength + value.Length;
    }

    /// <summary>True when <paramref name="code"/> has the payment code's format.</summary>
    public static bool IsValidPaymentCode(ReadOnlySpan<byte> code)
    {
        if (code.Length is < PaymentCodeMinLength or > PaymentCodeMaxLength)
        {
            return false;
        }

        foreach (var b in code)
        {
            if (!IsTagCharacter(b))
            {
                return false;
            }
        }

        return true;
    }

    internal static ContentFault FindFault(ReadOnlySpan<byte> content)
    {
        var position = 0;
        var seenPaymentCode = false;
        var seenBatchNumber = false;
        while (position < content.Length)
        {
            if (content.Length - position < HeaderLength)
            {
                return Fault(position, "48: subelement header is tag(2) + length(3)");
            }

            if (!IsTagCharacter(content[position]) || !IsTagCharacter(content[position + 1]))
            {
                return Fault(position, "48: tag characters are A-Z and 0-9");
            }

            var length = ReadLength(content.Slice(position + 2, 3));
            if (length < 0)
            {
                return Fault(position + 2, "48: subelement length is 3 ASCII digits");
            }

            var valueStart = position + HeaderLength;
            if (content.Length - valueStart < length)
            {
                return Fault(position + 2, "48: subelement length runs past the field");
            }

            var tag = content.Slice(position, 2);
            var value = content.Slice(valueStart, length);
            if (tag.SequenceEqual(PaymentCodeTag))
            {
                if (seenPaymentCode || !IsValidPaymentCode(value))
                {
                    return Fault(position, "48: PC appears once, 16-32 characters of 0-9 A-Z");
                }

                seenPaymentCode = true;
            }
            else if (tag.SequenceEqual(BatchNumberTag))
            {
                if (seenBatchNumber || length != BatchNumberLength || !AreDigits(value))
                {
                    return Fault(position, "48: BN appears once, 6 digits");
                }

                seenBatchNumber = true;
            }
            else
            {
                return Fault(position, "48: tags defined are PC and BN");
            }

            position = valueStart + length;
        }

        return ContentFault.None;
    }

    private static ContentFault Fault(int index, string rule) => new(Iso8583ErrorKind.InvalidSubfield, index, rule);

    private static bool IsTagCharacter(byte b) => (uint)(b - '0') <= 9 || (uint)(b - 'A') <= 'Z' - 'A';

    internal static bool AreDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    private static int ReadLength(ReadOnlySpan<byte> digits) =>
        AreDigits(digits) ? (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0') : -1;
}
