namespace CardActors.Iso8583;

/// <summary>
/// Packed BCD as this specification uses it: two digits per byte, high nibble first, right-aligned,
/// so an odd digit count starts with a 0 pad nibble.
/// </summary>
internal static class Bcd
{
    /// <summary>Digits that always fit in a long.</summary>
    public const int MaxLongDigits = 18;

    /// <summary>
    /// Checks <paramref name="packed"/> holds <paramref name="digits"/> digits. Returns -1 when valid,
    /// otherwise the byte index of the first fault, with <paramref name="padFault"/> telling which kind.
    /// </summary>
    public static int FindFault(ReadOnlySpan<byte> packed, int digits, out bool padFault)
    {
        padFault = false;
        var start = 0;
        if ((digits & 1) == 1)
        {
            var first = packed[0];
            if (first >> 4 != 0)
            {
                padFault = true;
                return 0;
            }

            if ((first & 0x0F) > 9)
            {
                return 0;
            }

            start = 1;
        }

        for (var i = start; i < packed.Length; i++)
        {
            var b = packed[i];
            if (b >> 4 > 9 || (b & 0x0F) > 9)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads validated packed digits (at most 18) as a number.</summary>
    public static long ToInt64(ReadOnlySpan<byte> packed, int digits)
    {
        if (digits > MaxLongDigits)
        {
            throw new InvalidOperationException($"A {digits}-digit value does not fit in a long.");
        }

        long value = 0;
        var nibble = (digits & 1) == 1 ? 1 : 0;
        var end = packed.Length * 2;
        for (; nibble < end; nibble++)
        {
            var b = packed[nibble >> 1];
            value = value * 10 + ((nibble & 1) == 0 ? b >> 4 : b & 0x0F);
        }

        return value;
    }

    /// <summary>Reads <paramref name="count"/> digits starting at digit index <paramref name="first"/> of a digit string of <paramref name="digits"/> digits.</summary>
    public static long ToInt64(ReadOnlySpan<byte> packed, int digits, int first, int count)
    {
        long value = 0;
        var nibble = ((digits & 1) == 1 ? 1 : 0) + first;
        for (var i = 0; i < count; i++, nibble++)
        {
            var b = packed[nibble >> 1];
            value = value * 10 + ((nibble & 1) == 0 ? b >> 4 : b & 0x0F);
        }

        return value;
    }

    /// <summary>Writes the digits of validated packed BCD as ASCII.</summary>
    public static void ToAscii(ReadOnlySpan<byte> packed, int digits, Span<byte> destination)
    {
        var nibble = (digits & 1) == 1 ? 1 : 0;
        for (var i = 0; i < digits; i++, nibble++)
        {
            var b = packed[nibble >> 1];
            destination[i] = (byte)('0' + ((nibble & 1) == 0 ? b >> 4 : b & 0x0F));
        }
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="digits"/> digits, zero-filled on the left.</summary>
    public static void Write(Span<byte> destination, long value, int digits)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Numeric fields hold non-negative values.");
        }

        var bytes = (digits + 1) >> 1;
        for (var i = bytes - 1; i >= 0; i--)
        {
            var low = value % 10;
            value /= 10;
            var high = value % 10;
            value /= 10;
            destination[i] = (byte)((high << 4) | low);
        }

        if ((digits & 1) == 1 && destination[0] >> 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value has more than {digits} digits.");
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value has more than {digits} digits.");
        }
    }

    /// <summary>Packs ASCII digits; throws on a non-digit.</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<byte> asciiDigits)
    {
        var digits = asciiDigits.Length;
        var nibble = (digits & 1) == 1 ? 1 : 0;
        if (nibble == 1)
        {
            destination[0] = 0;
        }

        for (var i = 0; i < digits; i++, nibble++)
        {
            var d = asciiDigits[i] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException($"Character {i} is not a decimal digit.", nameof(asciiDigits));
            }

            ref var b = ref destination[nibble >> 1];
            b = (nibble & 1) == 0 ? (byte)(d << 4) : (byte)(b | d);
        }
    }

    /// <summary>Number of decimal digits of a non-negative value (at least 1).</summary>
    public static int CountDigits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>Reads a 1-byte (LL) or 2-byte (LLL) BCD length prefix; -1 when it is not BCD.</summary>
    public static int ReadLengthPrefix(ReadOnlySpan<byte> prefix)
    {
        var value = 0;
        for (var i = 0; i < prefix.Length; i++)
        {
            var b = prefix[i];
            int high = b >> 4, low = b & 0x0F;
            if (high > 9 || low > 9 || (i == 0 && prefix.Length == 2 && high != 0))
            {
                return -1;
            }

            value = value * 100 + high * 10 + low;
        }

        return value;
    }

    public static void WriteLengthPrefix(Span<byte> destination, int length, int prefixBytes) =>
        Write(destination[..prefixBytes], length, prefixBytes == 1 ? 2 : 3);
}
