using System.Globalization;

namespace CardActors.Iso8583;

/// <summary>
/// Why a frame did not parse: which field (or <see cref="FieldNumber.Mti"/>, <see cref="FieldNumber.Bitmap"/>,
/// <see cref="FrameLevel"/>), what is wrong, and where. It carries positions and lengths only, never
/// the content of a field, so it is safe to log and to return to a client (no PAN can leak through it).
/// </summary>
public readonly struct Iso8583Error : IEquatable<Iso8583Error>
{
    /// <summary>The error concerns the frame as a whole rather than one field.</summary>
    public const int FrameLevel = -1;

    internal Iso8583Error(Iso8583ErrorKind kind, int field, int offset, int actual = 0, int limit = 0, string? rule = null)
    {
        Kind = kind;
        Field = field;
        Offset = offset;
        Actual = actual;
        Limit = limit;
        Rule = rule;
    }

    public Iso8583ErrorKind Kind { get; }

    /// <summary>The field at fault: 2–128, or 0 for the MTI, 1 for a bitmap, -1 for the frame.</summary>
    public int Field { get; }

    /// <summary>Byte offset within the frame (MTI = offset 0) where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>Kind-specific number: the length found, the bytes remaining, the MTI.</summary>
    public int Actual { get; }

    /// <summary>Kind-specific limit: the maximum length, the bytes needed.</summary>
    public int Limit { get; }

    /// <summary>For rule violations, the rule in words (a constant; never message content).</summary>
    public string? Rule { get; }

    public bool IsError => Kind != Iso8583ErrorKind.None;

    public override string ToString()
    {
        var where = Field switch
        {
            FrameLevel => "frame",
            FieldNumber.Mti => "MTI",
            FieldNumber.Bitmap => "bitmap",
            _ => string.Create(CultureInfo.InvariantCulture, $"field {Field}"),
        };
        var what = Kind switch
        {
            Iso8583ErrorKind.None => "no error",
            Iso8583ErrorKind.FrameTooLong => Format($"length {Actual} exceeds the maximum {Limit}"),
            Iso8583ErrorKind.Truncated => Format($"truncated: needs {Limit} bytes at offset {Offset}, {Actual} remain"),
            Iso8583ErrorKind.BadBcdNibble => Format($"nibble at offset {Offset} is not a decimal digit"),
            Iso8583ErrorKind.NonZeroPadNibble => Format($"pad nibble of an odd-length numeric value at offset {Offset} is not 0"),
            Iso8583ErrorKind.BadLengthPrefix => Format($"length prefix at offset {Offset} is not BCD"),
            Iso8583ErrorKind.LengthOverMax => Format($"length {Actual} at offset {Offset} exceeds the maximum {Limit}"),
            Iso8583ErrorKind.LengthBelowMin => Format($"length {Actual} at offset {Offset} is below the minimum {Limit}"),
            Iso8583ErrorKind.InvalidCharacter => Format($"byte at offset {Offset} is not allowed in this field"),
            Iso8583ErrorKind.UndefinedField => Format($"announced by the bitmap but not defined by the specification"),
            Iso8583ErrorKind.UnsupportedMessageType => Format($"message type {Actual:D4} is not supported"),
            Iso8583ErrorKind.EmptySecondaryBitmap => "bit 1 announces a secondary bitmap with no field set",
            Iso8583ErrorKind.TrailingBytes => Format($"{Actual} bytes follow the last field at offset {Offset}"),
            Iso8583ErrorKind.MacNotLast => "field 64 used with a secondary bitmap; the MAC must be the last field, 128",
            Iso8583ErrorKind.MissingMandatoryField => Format($"mandatory in message type {Actual:D4} but absent"),
            Iso8583ErrorKind.FieldNotAllowed => Format($"not allowed in message type {Actual:D4}"),
            Iso8583ErrorKind.InvalidSubfield => Format($"malformed subfield at offset {Offset}"),
            Iso8583ErrorKind.InvalidValue => "value not allowed",
            _ => Kind.ToString(),
        };
        return Rule is null ? $"{where}: {what}" : $"{where}: {what} ({Rule})";
    }

    public bool Equals(Iso8583Error other) =>
        Kind == other.Kind && Field == other.Field && Offset == other.Offset &&
        Actual == other.Actual && Limit == other.Limit && ReferenceEquals(Rule, other.Rule);

    public override bool Equals(object? obj) => obj is Iso8583Error other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Field, Offset, Actual, Limit);

    public static bool operator ==(Iso8583Error left, Iso8583Error right) => left.Equals(right);

    public static bool operator !=(Iso8583Error left, Iso8583Error right) => !left.Equals(right);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
