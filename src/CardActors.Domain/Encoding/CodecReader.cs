using System.Buffers.Binary;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Encoding;

/// <summary>Reads what <see cref="CodecWriter"/> wrote, throwing <see cref="CodecException"/> on truncated or invalid input.</summary>
public ref struct CodecReader
{
    private readonly ReadOnlySpan<byte> _input;
    private int _position;

    public CodecReader(ReadOnlySpan<byte> input)
    {
        _input = input;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _input.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        _ => throw new CodecException("boolean byte must be 0 or 1"),
    };

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads what <see cref="CodecWriter.WriteVarUInt64"/> wrote; a longer form than needed, or one beyond 64 bits, is rejected.</summary>
    public ulong ReadVarUInt64()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = ReadByte();
            if (shift == 63 && next > 1)
            {
                throw new CodecException("variable-length integer beyond 64 bits");
            }
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                if (next == 0 && shift > 0)
                {
                    throw new CodecException("variable-length integer not in its shortest form");
                }
                return value;
            }
        }
    }

    public long ReadVarInt64()
    {
        var zigzag = ReadVarUInt64();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public DateTimeOffset ReadInstant()
    {
        var ticks = ReadInt64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new CodecException("instant out of range");
        }
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public DateTimeOffset? ReadOptionalInstant() => ReadBool() ? ReadInstant() : null;

    public DateOnly ReadDate()
    {
        var day = ReadInt32();
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            throw new CodecException("date out of range");
        }
        return DateOnly.FromDayNumber(day);
    }

    public TimeSpan ReadDuration() => new(ReadInt64());

    public Currency ReadCurrency()
    {
        var code = ReadUInt16();
        return Currency.TryCreate(code, ReadByte(), out var currency, out var error) ? currency : throw new CodecException(error.ToString());
    }

    public TransactionId ReadTransactionId() => new(ReadUInt64());

    public IdempotencyKey ReadKey()
    {
        var high = ReadUInt64();
        return new IdempotencyKey(high, ReadUInt64());
    }

    public CardNumber ReadCardNumber()
    {
        var digits = ReadUInt64();
        var length = ReadByte();
        if (length == 0 && digits == 0)
        {
            return default;
        }
        return CardNumber.TryCreate(digits, length, out var number, out var error)
            ? number
            : throw new CodecException(error.ToString());
    }

    public MerchantId ReadMerchantId()
    {
        var bytes = Take(MerchantId.Length);
        if (!bytes.ContainsAnyExcept((byte)0))
        {
            return default;
        }
        return MerchantId.TryParse(bytes, out var id, out var error) ? id : throw new CodecException(error.ToString());
    }

    public TerminalId ReadTerminalId()
    {
        var bytes = Take(TerminalId.Length);
        if (!bytes.ContainsAnyExcept((byte)0))
        {
            return default;
        }
        return TerminalId.TryParse(bytes, out var id, out var error) ? id : throw new CodecException(error.ToString());
    }

    public string ReadString()
    {
        var count = ReadUInt16();
        var bytes = Take(count);
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (ArgumentException ex)
        {
            throw new CodecException("string is not valid UTF-8", ex);
        }
    }

    public int ReadCount() => ReadUInt16();

    /// <summary>
    /// A count of items each at least <paramref name="minItemBytes"/> long, checked against the bytes
    /// left before anyone sizes a list by it: a forged count must not make a reader allocate room for
    /// 65,535 items out of a few bytes of input (journals are trusted; wire payloads are not).
    /// </summary>
    public int ReadCount(int minItemBytes)
    {
        var count = ReadUInt16();
        return (long)count * minItemBytes <= Remaining
            ? count
            : throw new CodecException($"input truncated: a count of {count} items cannot fit in the {Remaining} bytes left");
    }

    /// <summary>Reads an enum byte and checks it against the values the format defines.</summary>
    public TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var value = ReadByte();
        var result = (TEnum)Enum.ToObject(typeof(TEnum), value);
        return Enum.IsDefined(result) ? result : throw new CodecException(typeof(TEnum).Name + " value " + value + " is not defined");
    }

    /// <summary>Throws unless every byte was consumed: trailing bytes mean a format this version does not know.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _input.Length)
        {
            throw new CodecException("unexpected trailing bytes");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_input.Length - _position < count)
        {
            throw new CodecException("input truncated");
        }
        var slice = _input.Slice(_position, count);
        _position += count;
        return slice;
    }
}
