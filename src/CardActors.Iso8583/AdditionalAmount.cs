namespace CardActors.Iso8583;

/// <summary>Positions 1–2 of a field 54 block: which balance the amount is about.</summary>
public enum AmountAccount : byte
{
    /// <summary>00: the card as a whole (all purses).</summary>
    Card = 0,

    /// <summary>91: the main purse (customer money).</summary>
    MainPurse = 91,

    /// <summary>92: the bonus purse (promotional money).</summary>
    BonusPurse = 92,
}

/// <summary>Positions 3–4 of a field 54 block: what the amount is.</summary>
public enum AmountType : byte
{
    LedgerBalance = 1,
    AvailableBalance = 2,

    /// <summary>91: the instant discount taken off field 4 by promotions; the card paid field 4 minus it.</summary>
    DiscountApplied = 91,
}

/// <summary>
/// One 20-character block of field 54 (ISO 8583:1987 layout): account type n2, amount type n2,
/// currency n3, sign C (credit, ≥ 0) or D (debit, &lt; 0), amount n12 in minor units. Up to 6 blocks.
/// </summary>
public readonly record struct AdditionalAmount(AmountAccount Account, AmountType Type, int Currency, long Amount)
{
    public const int EncodedLength = 20;
    public const int MaxBlocks = 6;
    private const long MaxMagnitude = 999_999_999_999;

    /// <summary>Writes the 20 ASCII characters of the block.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var magnitude = Amount < 0 ? -Amount : Amount;
        if (magnitude > MaxMagnitude || (uint)Currency > 999 || (byte)Account > 99 || (byte)Type > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), "A field 54 block holds n2 n2 n3 and a 12-digit amount.");
        }

        WriteDigits(destination[..2], (byte)Account);
        WriteDigits(destination.Slice(2, 2), (byte)Type);
        WriteDigits(destination.Slice(4, 3), Currency);
        destination[7] = Amount < 0 ? (byte)'D' : (byte)'C';
        WriteDigits(destination.Slice(8, 12), magnitude);
    }

    /// <summary>Reads one block; false when it is malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> block, out AdditionalAmount amount)
    {
        amount = default;
        if (block.Length != EncodedLength || FindBlockFault(block) >= 0)
        {
            return false;
        }

        var magnitude = ReadDigits(block.Slice(8, 12));
        amount = new AdditionalAmount(
            (AmountAccount)ReadDigits(block[..2]),
            (AmountType)ReadDigits(block.Slice(2, 2)),
            (int)ReadDigits(block.Slice(4, 3)),
            block[7] == (byte)'D' ? -magnitude : magnitude);
        return true;
    }

    internal static ContentFault FindFault(ReadOnlySpan<byte> content)
    {
        if (content.Length % EncodedLength != 0)
        {
            return new ContentFault(Iso8583ErrorKind.InvalidSubfield, content.Length - content.Length % EncodedLength,
                "54: blocks of 20 characters");
        }

        for (var start = 0; start < content.Length; start += EncodedLength)
        {
            var index = FindBlockFault(content.Slice(start, EncodedLength));
            if (index >= 0)
            {
                return new ContentFault(Iso8583ErrorKind.InvalidSubfield, start + index,
                    "54: block is n2 n2 n3, C or D, n12");
            }
        }

        return ContentFault.None;
    }

    private static int FindBlockFault(ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < EncodedLength; i++)
        {
            var b = block[i];
            var ok = i == 7 ? b is (byte)'C' or (byte)'D' : (uint)(b - '0') <= 9;
            if (!ok)
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteDigits(Span<byte> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    private static long ReadDigits(ReadOnlySpan<byte> digits)
    {
        long value = 0;
        foreach (var b in digits)
        {
            value = value * 10 + (b - '0');
        }

        return value;
    }
}

/// <summary>Enumerates the blocks of field 54 without allocating: <c>foreach (var a in message.GetAdditionalAmounts())</c>.</summary>
public ref struct AdditionalAmountEnumerator
{
    private readonly ReadOnlySpan<byte> _content;
    private int _next;

    internal AdditionalAmountEnumerator(ReadOnlySpan<byte> content)
    {
        _content = content;
        _next = 0;
        Current = default;
    }

    public AdditionalAmount Current { get; private set; }

    public readonly AdditionalAmountEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_content.Length - _next < AdditionalAmount.EncodedLength)
        {
            return false;
        }

        if (!AdditionalAmount.TryRead(_content.Slice(_next, AdditionalAmount.EncodedLength), out var amount))
        {
            throw new InvalidOperationException("Field 54 was not validated.");
        }

        Current = amount;
        _next += AdditionalAmount.EncodedLength;
        return true;
    }
}
