namespace CardActors.Domain.Identifiers;

/// <summary>
/// A transaction's identity: a non-zero 64-bit value chosen by the caller (the front end that
/// received the request), written as 16 upper-case hexadecimal digits. Zero means "none".
/// </summary>
public readonly record struct TransactionId(ulong Value)
{
    public const int TextLength = 16;
    private const string Field = "transactionId";

    public bool IsNone => Value == 0;

    public static TransactionId None => default;

    public static bool TryParse(ReadOnlySpan<char> text, out TransactionId id, out FieldError error)
    {
        id = default;
        if (text.Length != TextLength)
        {
            error = new FieldError(Field, "must be exactly 16 hexadecimal digits");
            return false;
        }
        ulong value = 0;
        foreach (var c in text)
        {
            var nibble = HexValue(c);
            if (nibble < 0)
            {
                error = new FieldError(Field, "must contain only hexadecimal digits");
                return false;
            }
            value = (value << 4) | (uint)nibble;
        }
        if (value == 0)
        {
            error = new FieldError(Field, "must not be zero");
            return false;
        }
        id = new TransactionId(value);
        error = default;
        return true;
    }

    public static TransactionId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error.ToString());

    /// <summary>Writes the 16 hexadecimal digits.</summary>
    public void Format(Span<char> destination)
    {
        var rest = Value;
        for (var i = TextLength - 1; i >= 0; i--)
        {
            destination[i] = "0123456789ABCDEF"[(int)(rest & 0xF)];
            rest >>= 4;
        }
    }

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[TextLength];
        Format(buffer);
        return new string(buffer);
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
