namespace CardActors.Domain.Identifiers;

/// <summary>
/// A primary account number of 16 to 19 digits with a valid Luhn check digit. Held as an integer
/// plus a length, so leading zeros survive and no string is needed on the hot path.
/// <see cref="ToString"/> is masked (first 6, last 4) so that a card number written to a log never
/// shows in full; the digits go to the wire and to storage only through <see cref="FormatDigits(Span{char})"/>.
/// </summary>
public readonly struct CardNumber : IEquatable<CardNumber>
{
    public const int MinLength = 16;
    public const int MaxLength = 19;
    private const string Field = "cardNumber";

    private CardNumber(ulong digits, byte length)
    {
        Digits = digits;
        Length = length;
    }

    /// <summary>The digits as an integer (leading zeros are implied by <see cref="Length"/>).</summary>
    public ulong Digits { get; }

    /// <summary>Number of digits, 16 to 19; 0 for the empty default value.</summary>
    public int Length { get; }

    public bool IsEmpty => Length == 0;

    public static bool TryCreate(ulong digits, int length, out CardNumber number, out FieldError error)
    {
        number = default;
        if (length is < MinLength or > MaxLength)
        {
            error = new FieldError(Field, "must be 16 to 19 digits");
            return false;
        }
        if (digits >= Pow10(length))
        {
            error = new FieldError(Field, "value has more digits than its length");
            return false;
        }
        if (!Luhn.IsValid(digits))
        {
            error = new FieldError(Field, "Luhn check digit is wrong");
            return false;
        }
        number = new CardNumber(digits, (byte)length);
        error = default;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out CardNumber number, out FieldError error)
    {
        number = default;
        if (text.Length is < MinLength or > MaxLength)
        {
            error = new FieldError(Field, "must be 16 to 19 digits");
            return false;
        }
        ulong digits = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                error = new FieldError(Field, "must contain only the digits 0-9");
                return false;
            }
            digits = (digits * 10) + (ulong)(c - '0');
        }
        return TryCreate(digits, text.Length, out number, out error);
    }

    /// <summary>Parses ASCII digits as they arrive on the wire.</summary>
    public static bool TryParse(ReadOnlySpan<byte> ascii, out CardNumber number, out FieldError error)
    {
        number = default;
        if (ascii.Length is < MinLength or > MaxLength)
        {
            error = new FieldError(Field, "must be 16 to 19 digits");
            return false;
        }
        ulong digits = 0;
        foreach (var b in ascii)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                error = new FieldError(Field, "must contain only the digits 0-9");
                return false;
            }
            digits = (digits * 10) + (ulong)(b - '0');
        }
        return TryCreate(digits, ascii.Length, out number, out error);
    }

    public static CardNumber Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error.ToString());

    /// <summary>Writes all digits; returns the count written. For the wire and for storage only.</summary>
    public int FormatDigits(Span<char> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("cardNumber: destination shorter than the number", nameof(destination));
        }
        var rest = Digits;
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (int)(rest % 10));
            rest /= 10;
        }
        return Length;
    }

    /// <summary>Writes all digits as ASCII bytes; returns the count written.</summary>
    public int FormatDigits(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("cardNumber: destination shorter than the number", nameof(destination));
        }
        var rest = Digits;
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (int)(rest % 10));
            rest /= 10;
        }
        return Length;
    }

    /// <summary>The full digits as a string: for the wire and for storage, never for logs.</summary>
    public string ToDigitString()
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..FormatDigits(buffer)]);
    }

    /// <summary>Writes the masked form (first 6, stars, last 4); returns the count written.</summary>
    public int FormatMasked(Span<char> destination)
    {
        var written = FormatDigits(destination);
        destination[6..(written - 4)].Fill('*');
        return written;
    }

    /// <summary>The masked form, e.g. 622202******1234; safe for logs and files.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..FormatMasked(buffer)]);
    }

    /// <summary>The first six digits: the issuer identification number as routing sees it.</summary>
    public int FirstSix => (int)(Digits / Pow10(Length - 6));

    public int LastFour => (int)(Digits % 10_000);

    public bool Equals(CardNumber other) => Digits == other.Digits && Length == other.Length;

    public override bool Equals(object? obj) => obj is CardNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Digits, Length);

    public static bool operator ==(CardNumber left, CardNumber right) => left.Equals(right);

    public static bool operator !=(CardNumber left, CardNumber right) => !left.Equals(right);

    internal static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
