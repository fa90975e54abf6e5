using System.Buffers;
using System.Buffers.Binary;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Encoding;

/// <summary>
/// Writes the primitives of the domain's binary formats: fixed-width little-endian integers,
/// instants as UTC ticks, identifiers in their packed forms. No field names, no padding.
/// </summary>
public ref struct CodecWriter
{
    private readonly IBufferWriter<byte> _output;

    public CodecWriter(IBufferWriter<byte> output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Written = 0;
    }

    public int Written { get; private set; }

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_output.GetSpan(2), value);
        Advance(2);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>An instant as UTC ticks; the offset is not kept (the domain works in UTC).</summary>
    public void WriteInstant(DateTimeOffset value) => WriteInt64(value.UtcTicks);

    /// <summary>Presence byte, then the instant when present.</summary>
    public void WriteOptionalInstant(DateTimeOffset? value)
    {
        WriteBool(value.HasValue);
        if (value is { } instant)
        {
            WriteInstant(instant);
        }
    }

    public void WriteDate(DateOnly value) => WriteInt32(value.DayNumber);

    public void WriteDuration(TimeSpan value) => WriteInt64(value.Ticks);

    /// <summary>ISO 4217 numeric code (u16), then the exponent (u8).</summary>
    public void WriteCurrency(Currency value)
    {
        WriteUInt16(value.NumericCode);
        WriteByte(value.Exponent);
    }

    public void WriteTransactionId(TransactionId value) => WriteUInt64(value.Value);

    public void WriteKey(IdempotencyKey value)
    {
        WriteUInt64(value.High);
        WriteUInt64(value.Low);
    }

    /// <summary>Digits as an integer, then the length (0 for none).</summary>
    public void WriteCardNumber(CardNumber value)
    {
        WriteUInt64(value.Digits);
        WriteByte((byte)value.Length);
    }

    /// <summary>The 15 ASCII bytes; zeros for none.</summary>
    public void WriteMerchantId(MerchantId value)
    {
        var span = _output.GetSpan(MerchantId.Length);
        if (value.IsEmpty)
        {
            span[..MerchantId.Length].Clear();
        }
        else
        {
            value.CopyTo(span);
        }
        Advance(MerchantId.Length);
    }

    /// <summary>The 8 ASCII bytes; zeros for none.</summary>
    public void WriteTerminalId(TerminalId value)
    {
        var span = _output.GetSpan(TerminalId.Length);
        if (value.IsEmpty)
        {
            span[..TerminalId.Length].Clear();
        }
        else
        {
            value.CopyTo(span);
        }
        Advance(TerminalId.Length);
    }

    /// <summary>UTF-8 byte count (16 bits), then the bytes.</summary>
    public void WriteString(string value)
    {
        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new CodecException("string longer than 65535 UTF-8 bytes");
        }
        WriteUInt16((ushort)count);
        var span = _output.GetSpan(count);
        System.Text.Encoding.UTF8.GetBytes(value, span);
        Advance(count);
    }

    public void WriteCount(int count)
    {
        if (count is < 0 or > ushort.MaxValue)
        {
            throw new CodecException("collection larger than 65535 items");
        }
        WriteUInt16((ushort)count);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        Written += count;
    }
}
