namespace CardActors.Iso8583;

/// <summary>The content class of a field, and therefore its encoding on the wire.</summary>
public enum FieldFormat : byte
{
    /// <summary>The specification does not define the field; a bitmap that announces it is a format error.</summary>
    Undefined = 0,

    /// <summary>n: decimal digits, packed BCD, right-aligned (a leading 0 nibble when the digit count is odd).</summary>
    Numeric,

    /// <summary>an: ASCII letters and digits; a fixed field is left-aligned and padded with trailing spaces.</summary>
    AlphaNumeric,

    /// <summary>ans: printable ASCII 0x20–0x7E; a fixed field is left-aligned and padded with trailing spaces.</summary>
    AlphaNumericSpecial,

    /// <summary>b: raw bytes.</summary>
    Binary,
}

/// <summary>How a field's length is known.</summary>
public enum FieldLengthKind : byte
{
    /// <summary>Always exactly <see cref="FieldSpec.MaxLength"/>.</summary>
    Fixed,

    /// <summary>A 1-byte BCD prefix (00–99) gives the length.</summary>
    LlVar,

    /// <summary>A 2-byte BCD prefix (0000–0999, leading nibble 0) gives the length.</summary>
    LllVar,
}

/// <summary>
/// One row of the field specification. Lengths count digits for n, characters for an/ans and
/// bytes for b; <see cref="ContentBytes"/> converts to bytes on the wire.
/// </summary>
public readonly record struct FieldSpec(int Number, string Name, FieldFormat Format, FieldLengthKind LengthKind, int MaxLength)
{
    /// <summary>Variable fields may not be empty.</summary>
    public int MinLength => LengthKind == FieldLengthKind.Fixed ? MaxLength : 1;

    public bool IsDefined => Format != FieldFormat.Undefined;

    /// <summary>Bytes of the length prefix: 0, 1 or 2.</summary>
    public int PrefixBytes => LengthKind switch
    {
        FieldLengthKind.LlVar => 1,
        FieldLengthKind.LllVar => 2,
        _ => 0,
    };

    /// <summary>Bytes on the wire for a value of <paramref name="length"/> digits, characters or bytes (prefix excluded).</summary>
    public int ContentBytes(int length) => Format == FieldFormat.Numeric ? (length + 1) >> 1 : length;

    /// <summary>Most bytes the field can take on the wire, prefix included.</summary>
    public int MaxEncodedBytes => PrefixBytes + ContentBytes(MaxLength);
}
