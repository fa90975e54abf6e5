namespace CardActors.Iso8583;

/// <summary>A fault inside a field's content: what, at which byte of the content, and the rule broken.</summary>
internal readonly record struct ContentFault(Iso8583ErrorKind Kind, int Index, string? Rule = null)
{
    public static ContentFault None => default;
}

/// <summary>Checks a field's content against its format and, for structured fields, its subfields.</summary>
internal static class FieldContent
{
    public static ContentFault Validate(in FieldSpec spec, ReadOnlySpan<byte> content, int length)
    {
        var fault = spec.Format switch
        {
            FieldFormat.Numeric => ValidateNumeric(content, length),
            FieldFormat.AlphaNumeric => ValidateAlphaNumeric(content, spec.LengthKind == FieldLengthKind.Fixed),
            FieldFormat.AlphaNumericSpecial => ValidatePrintable(content),
            _ => ContentFault.None,
        };
        if (fault.Kind != Iso8583ErrorKind.None)
        {
            return fault;
        }

        return spec.Number switch
        {
            FieldNumber.AdditionalData => AdditionalData.FindFault(content),
            FieldNumber.AdditionalAmounts => AdditionalAmount.FindFault(content),
            _ => ContentFault.None,
        };
    }

    public static bool IsLetterOrDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsPrintable(byte b) => b is >= 0x20 and <= 0x7E;

    private static ContentFault ValidateNumeric(ReadOnlySpan<byte> content, int length)
    {
        var index = Bcd.FindFault(content, length, out var pad);
        return index < 0
            ? ContentFault.None
            : new ContentFault(pad ? Iso8583ErrorKind.NonZeroPadNibble : Iso8583ErrorKind.BadBcdNibble, index);
    }

    /// <summary>Letters and digits; a fixed field may end in space padding.</summary>
    private static ContentFault ValidateAlphaNumeric(ReadOnlySpan<byte> content, bool fixedLength)
    {
        var padding = false;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b == (byte)' ' && fixedLength)
            {
                padding = true;
            }
            else if (padding || !IsLetterOrDigit(b))
            {
                return new ContentFault(Iso8583ErrorKind.InvalidCharacter, i, padding ? "an: padding spaces only at the end" : "an: letters and digits");
            }
        }

        return ContentFault.None;
    }

    private static ContentFault ValidatePrintable(ReadOnlySpan<byte> content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (!IsPrintable(content[i]))
            {
                return new ContentFault(Iso8583ErrorKind.InvalidCharacter, i, "ans: printable ASCII 0x20-0x7E");
            }
        }

        return ContentFault.None;
    }
}
