namespace CardActors.Domain.Identifiers;

/// <summary>
/// Card acceptor terminal identification, ISO 8583 field 41: exactly 8 printable ASCII
/// characters, not all spaces, packed into one integer.
/// </summary>
public readonly struct TerminalId : IEquatable<TerminalId>
{
    public const int Length = 8;
    private const string Field = "terminalId";

    private readonly ulong _packed;

    private TerminalId(ulong packed) => _packed = packed;

    public bool IsEmpty => _packed == 0;

    /// <summary>The packed form, for hashing into keys and for codecs.</summary>
    public ulong Packed => _packed;

    public static bool TryParse(ReadOnlySpan<char> text, out TerminalId id, out FieldError error)
    {
        id = default;
        if (text.Length != Length)
        {
            error = new FieldError(Field, "must be exactly 8 characters");
            return false;
        }
        if (!AsciiText.TryPack(text, 0, Length, out var packed, out var blank))
        {
            error = new FieldError(Field, "must be printable ASCII");
            return false;
        }
        return Accept(packed, blank, out id, out error);
    }

    public static bool TryParse(ReadOnlySpan<byte> ascii, out TerminalId id, out FieldError error)
    {
        id = default;
        if (ascii.Length != Length)
        {
            error = new FieldError(Field, "must be exactly 8 characters");
            return false;
        }
        if (!AsciiText.TryPack(ascii, 0, Length, out var packed, out var blank))
        {
            error = new FieldError(Field, "must be printable ASCII");
            return false;
        }
        return Accept(packed, blank, out id, out error);
    }

    public static TerminalId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error.ToString());

    public void CopyTo(Span<byte> destination) => AsciiText.Unpack(_packed, Length, destination[..Length]);

    public override string ToString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }
        Span<char> buffer = stackalloc char[Length];
        AsciiText.Unpack(_packed, Length, buffer);
        return new string(buffer);
    }

    public bool Equals(TerminalId other) => _packed == other._packed;

    public override bool Equals(object? obj) => obj is TerminalId other && Equals(other);

    public override int GetHashCode() => _packed.GetHashCode();

    public static bool operator ==(TerminalId left, TerminalId right) => left.Equals(right);

    public static bool operator !=(TerminalId left, TerminalId right) => !left.Equals(right);

    private static bool Accept(ulong packed, bool blank, out TerminalId id, out FieldError error)
    {
        if (blank)
        {
            id = default;
            error = new FieldError(Field, "must not be all spaces");
            return false;
        }
        id = new TerminalId(packed);
        error = default;
        return true;
    }
}
