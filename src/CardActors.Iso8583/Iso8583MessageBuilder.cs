using System.Buffers;

namespace CardActors.Iso8583;

/// <summary>
/// Builds a message: set fields in any order, then write it — fields in ascending order, bitmaps
/// computed, MAC appended when a key is given. Every setter checks the value against the field
/// specification and throws on a violation. The instance is reusable (<see cref="Reset(MessageType)"/>)
/// and allocates nothing per message.
/// </summary>
public sealed partial class Iso8583MessageBuilder : IDisposable
{
    private const int Capacity = 2 * Iso8583Framing.MaxMessageLength;
    private readonly int[] _start = new int[FieldNumber.Max + 1];
    private readonly int[] _size = new int[FieldNumber.Max + 1];
    private byte[] _data = ArrayPool<byte>.Shared.Rent(Capacity);
    private UInt128 _fields;
    private int _used;

    /// <summary>The MTI as a decimal number (0210 → 210); -1 before the first <see cref="Reset(int)"/>.</summary>
    public int Mti { get; private set; } = -1;

    /// <summary>The fields set so far.</summary>
    public UInt128 Fields => _fields;

    /// <summary>Whether <see cref="WriteTo(Span{byte}, MacKey?)"/> checks mandatory and allowed fields of a defined message type.</summary>
    public bool CheckPresence { get; set; } = true;

    public bool Has(int field) => FieldSet.Contains(_fields, field);

    public Iso8583MessageBuilder Reset(MessageType type) => Reset((int)type);

    public Iso8583MessageBuilder Reset(int mti)
    {
        if ((uint)mti > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(mti), mti, "An MTI has 4 digits.");
        }

        Mti = mti;
        _fields = UInt128.Zero;
        _used = 0;
        return this;
    }

    /// <summary>Sets a numeric field; a fixed field is zero-filled on the left, a variable one takes the value's digits.</summary>
    public Iso8583MessageBuilder SetNumeric(int field, long value)
    {
        ref readonly var spec = ref SpecOf(field, FieldFormat.Numeric);
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Field {field} is unsigned.");
        }

        var digits = spec.LengthKind == FieldLengthKind.Fixed ? spec.MaxLength : Bcd.CountDigits(value);
        if (Bcd.CountDigits(value) > spec.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Field {field} takes at most {spec.MaxLength} digits.");
        }

        CheckLength(in spec, digits);
        Bcd.Write(Reserve(in spec, digits), value, digits);
        return this;
    }

    /// <summary>Sets a numeric field from ASCII digits (the PAN, field 90); a fixed field needs exactly its length.</summary>
    public Iso8583MessageBuilder SetDigits(int field, ReadOnlySpan<byte> digits)
    {
        ref readonly var spec = ref SpecOf(field, FieldFormat.Numeric);
        CheckLength(in spec, digits.Length);
        if (!AdditionalData.AreDigits(digits))
        {
            throw new ArgumentException($"Field {field} takes decimal digits only.", nameof(digits));
        }

        Bcd.Write(Reserve(in spec, digits.Length), digits);
        return this;
    }

    public Iso8583MessageBuilder SetDigits(int field, ReadOnlySpan<char> digits)
    {
        Span<byte> ascii = stackalloc byte[Math.Min(digits.Length, 64)];
        return digits.Length > ascii.Length
            ? throw new ArgumentException($"Field {field} is too long.", nameof(digits))
            : SetDigits(field, ToAscii(digits, ascii, field));
    }

    /// <summary>Sets an an/ans field; a fixed field is left-aligned and space-padded.</summary>
    public Iso8583MessageBuilder SetText(int field, ReadOnlySpan<byte> text)
    {
        ref readonly var spec = ref FieldSpecs.Get(field);
        if (spec.Format is not (FieldFormat.AlphaNumeric or FieldFormat.AlphaNumericSpecial))
        {
            throw new ArgumentException($"Field {field} is not a text field.", nameof(field));
        }

        var length = spec.LengthKind == FieldLengthKind.Fixed ? spec.MaxLength : text.Length;
        if (text.Length > spec.MaxLength || (spec.LengthKind != FieldLengthKind.Fixed && text.Length < spec.MinLength))
        {
            throw new ArgumentException($"Field {field} takes {spec.MinLength} to {spec.MaxLength} characters, not {text.Length}.", nameof(text));
        }

        Span<byte> content = stackalloc byte[length];
        text.CopyTo(content);
        content[text.Length..].Fill((byte)' ');
        var fault = FieldContent.Validate(in spec, content, length);
        if (fault.Kind != Iso8583ErrorKind.None)
        {
            throw new ArgumentException($"Field {field}: character {fault.Index} breaks the format ({fault.Rule ?? fault.Kind.ToString()}).", nameof(text));
        }

        content.CopyTo(Reserve(in spec, length));
        return this;
    }

    public Iso8583MessageBuilder SetText(int field, ReadOnlySpan<char> text)
    {
        if (text.Length > FieldSpecs.Get(field).MaxLength)
        {
            throw new ArgumentException($"Field {field} takes at most {FieldSpecs.Get(field).MaxLength} characters.", nameof(text));
        }

        Span<byte> ascii = stackalloc byte[text.Length];
        return SetText(field, ToAscii(text, ascii, field));
    }

    /// <summary>Sets a binary field, exactly its length.</summary>
    public Iso8583MessageBuilder SetBinary(int field, ReadOnlySpan<byte> bytes)
    {
        ref readonly var spec = ref SpecOf(field, FieldFormat.Binary);
        CheckLength(in spec, bytes.Length);
        bytes.CopyTo(Reserve(in spec, bytes.Length));
        return this;
    }

    /// <summary>Sets field 39 to the two digits of <paramref name="code"/> (0–99).</summary>
    public Iso8583MessageBuilder SetResponseCode(int code)
    {
        if ((uint)code > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A response code has two digits.");
        }

        ReadOnlySpan<byte> text = [(byte)('0' + code / 10), (byte)('0' + code % 10)];
        return SetText(FieldNumber.ResponseCode, text);
    }

    public Iso8583MessageBuilder Remove(int field)
    {
        if (field is >= 1 and <= FieldNumber.Max)
        {
            _fields &= ~FieldSet.Bit(field);
        }

        return this;
    }

    /// <summary>Copies a field as it was on the wire (prefix included) from a parsed message.</summary>
    public Iso8583MessageBuilder CopyFrom(Iso8583Message source, int field)
    {
        ArgumentNullException.ThrowIfNull(source);
        var encoded = source.GetEncoded(field);
        encoded.CopyTo(Allocate(field, encoded.Length));
        return this;
    }

    public void Dispose()
    {
        var data = _data;
        _data = [];
        _fields = UInt128.Zero;
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static ref readonly FieldSpec SpecOf(int field, FieldFormat format)
    {
        ref readonly var spec = ref FieldSpecs.Get(field);
        if (spec.Format != format)
        {
            throw new ArgumentException($"Field {field} is {(spec.IsDefined ? spec.Format.ToString() : "undefined")}, not {format}.", nameof(field));
        }

        return ref spec;
    }

    private static void CheckLength(in FieldSpec spec, int length)
    {
        var ok = spec.LengthKind == FieldLengthKind.Fixed
            ? length == spec.MaxLength
            : length >= spec.MinLength && length <= spec.MaxLength;
        if (!ok)
        {
            throw new ArgumentException($"Field {spec.Number} takes {spec.MinLength} to {spec.MaxLength}, not {length}.");
        }
    }

    private static ReadOnlySpan<byte> ToAscii(ReadOnlySpan<char> text, Span<byte> destination, int field)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                throw new ArgumentException($"Field {field}: character {i} is not ASCII.", nameof(text));
            }

            destination[i] = (byte)text[i];
        }

        return destination[..text.Length];
    }
}
