namespace CardActors.Domain.Identifiers;

/// <summary>
/// Card acceptor identification code, ISO 8583 field 42: exactly 15 printable ASCII characters
/// (space-padded on the wire), not all spaces. Packed into two integers so it is a cheap key.
/// </summary>
public readonly struct MerchantId : IEquatable<MerchantId>
{
    public const int Length = 15;
    private const string Field = "merchantId";

    private readonly ulong _high;
    private readonly ulong _low;

    private MerchantId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    public bool IsEmpty => _high == 0 && _low == 0;

    public static bool TryParse(ReadOnlySpan<char> text, out MerchantId id, out FieldError error)
    {
        id = default;
        if (text.Length != Length)
        {
            error = new FieldError(Field, "must be exactly 15 characters");
            return false;
        }
        if (!AsciiText.TryPack(text, 0, 8, out var high, out var blankHigh)
            || !AsciiText.TryPack(text, 8, 7, out var low, out var blankLow))
        {
            error = new FieldError(Field, "must be printable ASCII");
            return false;
        }
        return Accept(high, low, blankHigh && blankLow, out id, out error);
    }

    public static bool TryParse(ReadOnlySpan<byte> ascii, out MerchantId id, out FieldError error)
    {
        id = default;
        if (ascii.Length != Length)
        {
            error = new FieldError(Field, "must be exactly 15 characters");
            return false;
        }
        if (!AsciiText.TryPack(ascii, 0, 8, out var high, out var blankHigh)
            || !AsciiText.TryPack(ascii, 8, 7, out var low, out var blankLow))
        {
            error = new FieldError(Field, "must be printable ASCII");
            return false;
        }
        return Accept(high, low, blankHigh && blankLow, out id, out error);
    }

    public static MerchantId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error.ToString());

    /// <summary>Writes the 15 ASCII bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        AsciiText.Unpack(_high, 8, destination[..8]);
        AsciiText.Unpack(_low, 7, destination.Slice(8, 7));
    }

    public override string ToString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }
        Span<char> buffer = stackalloc char[Length];
        AsciiText.Unpack(_high, 8, buffer[..8]);
        AsciiText.Unpack(_low, 7, buffer[8..]);
        return new string(buffer);
    }

    public bool Equals(MerchantId other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is MerchantId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    public static bool operator ==(MerchantId left, MerchantId right) => left.Equals(right);

    public static bool operator !=(MerchantId left, MerchantId right) => !left.Equals(right);

    private static bool Accept(ulong high, ulong low, bool blank, out MerchantId id, out FieldError error)
    {
        if (blank)
        {
            id = default;
            error = new FieldError(Field, "must not be all spaces");
            return false;
        }
        id = new MerchantId(high, low);
        error = default;
        return true;
    }
}
