using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Encoding;

/// <summary>
/// Writes the primitives of the domain's binary formats: fixed-width little-endian integers,
/// variable-length integers where a format says so, instants as UTC ticks, identifiers in their
/// packed forms. No field names, no padding. Fields go into the span the output last handed out,
/// and the output hears of them only at <see cref="Commit"/> (or when a field does not fit):
/// asking the output for a span and advancing it for every field cost two interface calls per
/// field, some twenty for a purchase on the hot path. Every encoder ends with <see cref="Commit"/>;
/// bytes written after the last commit are not in the output.
/// </summary>
public ref struct CodecWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private int _committed;

    public CodecWriter(IBufferWriter<byte> output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
    }

    /// <summary>Bytes written so far, committed or not.</summary>
    public readonly int Written => _committed + _buffered;

    /// <summary>Hands every byte written so far to the output; returns <see cref="Written"/>.</summary>
    public int Commit()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
        }
        _span = default; // after Advance the output's span is no longer ours
        _buffered = 0;
        return _committed;
    }

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);
    }

    /// <summary>
    /// An unsigned integer in 7-bit groups, least significant first, the high bit of each byte set
    /// when another follows (LEB128): one byte below 128, ten at most. Always the shortest form.
    /// </summary>
    public void WriteVarUInt64(ulong value)
    {
        var length = (64 - BitOperations.LeadingZeroCount(value | 1) + 6) / 7;
        var span = Take(length);
        for (var i = 0; i < length - 1; i++)
        {
            span[i] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length - 1] = (byte)value;
    }

    /// <summary>A signed integer zigzag-mapped (0, -1, 1, -2 … to 0, 1, 2, 3 …), then as <see cref="WriteVarUInt64"/>.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

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
        var span = Take(MerchantId.Length);
        if (value.IsEmpty)
        {
            span.Clear();
        }
        else
        {
            value.CopyTo(span);
        }
    }

    /// <summary>The 8 ASCII bytes; zeros for none.</summary>
    public void WriteTerminalId(TerminalId value)
    {
        var span = Take(TerminalId.Length);
        if (value.IsEmpty)
        {
            span.Clear();
        }
        else
        {
            value.CopyTo(span);
        }
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
        System.Text.Encoding.UTF8.GetBytes(value, Take(count));
    }

    public void WriteCount(int count)
    {
        if (count is < 0 or > ushort.MaxValue)
        {
            throw new CodecException("collection larger than 65535 items");
        }
        WriteUInt16((ushort)count);
    }

    /// <summary>The next <paramref name="count"/> bytes of the current span, after a refill when they do not fit.</summary>
    private Span<byte> Take(int count)
    {
        if (_span.Length - _buffered < count)
        {
            Commit();
            _span = _output.GetSpan(count);
            if (_span.Length < count)
            {
                throw new InvalidOperationException($"the output gave {_span.Length} bytes where {count} were asked for");
            }
        }
        var taken = _span.Slice(_buffered, count);
        _buffered += count;
        return taken;
    }
}
