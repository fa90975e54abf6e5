namespace CardActors.LoadGen.Transport;

/// <summary>
/// How a request ended: the target's two-character response code (ISO 8583 field 39), or a
/// transport error. A 16-bit value, so completing a request allocates nothing.
/// </summary>
/// <remarks>
/// Errors — what an error-rate bound counts — are every transport error and the codes that say the
/// system, not the cardholder, failed: 30 format error, 91 issuer unavailable, 94 duplicate
/// transmission (the generator never repeats a request, so a duplicate is a fault), 96 system
/// malfunction. Declines such as 51 insufficient funds are answers, counted by code, not errors.
/// </remarks>
public readonly struct LoadOutcome : IEquatable<LoadOutcome>
{
    private const int CodeAlphabet = 36;

    // Response codes keep their two ASCII characters in the high and low byte (always >= 0x3030);
    // transport errors are small integers, so the two never collide.
    private readonly ushort _value;

    private LoadOutcome(ushort value)
    {
        _value = value;
    }

    public static LoadOutcome Approved { get; } = FromResponseCode('0', '0');

    /// <summary>How many distinct outcomes <see cref="CounterIndex"/> can return.</summary>
    public static int CounterSlots => (CodeAlphabet * CodeAlphabet) + 8;

    public bool IsResponse => _value >= 0x3030;

    public bool IsTransportError => _value is > 0 and < 0x100;

    public bool IsApproved => _value == 0x3030;

    public bool IsError => IsTransportError || _value is 0x3330 or 0x3931 or 0x3934 or 0x3936;

    /// <summary>The response code's two characters; throws for a transport error.</summary>
    public string ResponseCode => IsResponse
        ? string.Create(2, _value, static (span, value) =>
        {
            span[0] = (char)(value >> 8);
            span[1] = (char)(value & 0xFF);
        })
        : throw new InvalidOperationException($"{this} is not a response code.");

    public TransportErrorKind TransportError => IsTransportError
        ? (TransportErrorKind)_value
        : throw new InvalidOperationException($"{this} is not a transport error.");

    /// <summary>A dense index for counting outcomes in a flat array of <see cref="CounterSlots"/> entries.</summary>
    public int CounterIndex
    {
        get
        {
            if (IsResponse)
            {
                return (Digit((char)(_value >> 8)) * CodeAlphabet) + Digit((char)(_value & 0xFF));
            }

            return IsTransportError
                ? (CodeAlphabet * CodeAlphabet) + _value - 1
                : throw new InvalidOperationException("The default LoadOutcome is not an outcome.");
        }
    }

    /// <summary>A response code of two characters from 0-9 and A-Z (ISO 8583 field 39, type an 2).</summary>
    public static LoadOutcome FromResponseCode(char first, char second)
    {
        if (!IsCodeCharacter(first) || !IsCodeCharacter(second))
        {
            throw new ArgumentException($"'{first}{second}' is not a response code: two characters from 0-9 and A-Z are expected.");
        }

        return new LoadOutcome((ushort)((first << 8) | second));
    }

    public static LoadOutcome FromResponseCode(ReadOnlySpan<char> code)
    {
        if (code.Length != 2)
        {
            throw new ArgumentException($"'{code}' is not a response code: two characters are expected.", nameof(code));
        }

        return FromResponseCode(code[0], code[1]);
    }

    /// <summary>The response code as the two ASCII bytes of the wire message.</summary>
    public static LoadOutcome FromResponseCode(ReadOnlySpan<byte> code)
    {
        if (code.Length != 2)
        {
            throw new ArgumentException("A response code has two bytes.", nameof(code));
        }

        return FromResponseCode((char)code[0], (char)code[1]);
    }

    public static LoadOutcome FromTransportError(TransportErrorKind kind)
    {
        if (kind is < TransportErrorKind.Timeout or > TransportErrorKind.Abandoned)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transport error.");
        }

        return new LoadOutcome((ushort)kind);
    }

    /// <summary>The outcome counted at <paramref name="counterIndex"/> (the inverse of <see cref="CounterIndex"/>).</summary>
    public static LoadOutcome FromCounterIndex(int counterIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(counterIndex, CounterSlots);
        if (counterIndex < CodeAlphabet * CodeAlphabet)
        {
            return FromResponseCode(CodeCharacter(counterIndex / CodeAlphabet), CodeCharacter(counterIndex % CodeAlphabet));
        }

        return FromTransportError((TransportErrorKind)(counterIndex - (CodeAlphabet * CodeAlphabet) + 1));
    }

    /// <summary>Parses what <see cref="ToString"/> writes: a response code or a transport error's name.</summary>
    public static LoadOutcome Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 2 && IsCodeCharacter(text[0]) && IsCodeCharacter(text[1]))
        {
            return FromResponseCode(text[0], text[1]);
        }

        return Enum.TryParse<TransportErrorKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? FromTransportError(kind)
            : throw new FormatException($"'{text}' is neither a response code nor a transport error.");
    }

    public bool Equals(LoadOutcome other) => _value == other._value;

    public override bool Equals(object? obj) => obj is LoadOutcome other && Equals(other);

    public override int GetHashCode() => _value;

    public override string ToString() => IsResponse ? ResponseCode : IsTransportError ? TransportError.ToString() : "none";

    public static bool operator ==(LoadOutcome left, LoadOutcome right) => left.Equals(right);

    public static bool operator !=(LoadOutcome left, LoadOutcome right) => !left.Equals(right);

    private static bool IsCodeCharacter(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z');

    private static int Digit(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

    private static char CodeCharacter(int digit) => (char)(digit < 10 ? '0' + digit : 'A' + digit - 10);
}
