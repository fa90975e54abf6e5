using System.Buffers;

namespace CardActors.Iso8583;

/// <summary>
/// Encoded field values live in one rented buffer, each at (start, size); setting a field again
/// appends a new encoding, and the buffer is compacted when it fills.
/// </summary>
public sealed partial class Iso8583MessageBuilder
{
    /// <summary>Writes the length prefix and returns the span for the content.</summary>
    private Span<byte> Reserve(in FieldSpec spec, int length)
    {
        var prefix = spec.PrefixBytes;
        var target = Allocate(spec.Number, prefix + spec.ContentBytes(length));
        if (prefix > 0)
        {
            Bcd.WriteLengthPrefix(target, length, prefix);
        }

        return target[prefix..];
    }

    private Span<byte> Allocate(int field, int size)
    {
        if (_data.Length - _used < size)
        {
            Compact(exceptField: field);
            if (_data.Length - _used < size)
            {
                throw new InvalidOperationException("The message exceeds the builder's capacity.");
            }
        }

        _start[field] = _used;
        _size[field] = size;
        _used += size;
        _fields |= FieldSet.Bit(field);
        return _data.AsSpan(_start[field], size);
    }

    /// <summary>Reclaims space of overwritten fields, so that setting fields repeatedly never runs out.</summary>
    private void Compact(int exceptField)
    {
        var compacted = ArrayPool<byte>.Shared.Rent(Capacity);
        var used = 0;
        var remaining = _fields & ~FieldSet.Of(exceptField);
        while (remaining != UInt128.Zero)
        {
            var field = FieldSet.Lowest(remaining);
            remaining &= ~FieldSet.Bit(field);
            _data.AsSpan(_start[field], _size[field]).CopyTo(compacted.AsSpan(used));
            _start[field] = used;
            used += _size[field];
        }

        ArrayPool<byte>.Shared.Return(_data);
        _data = compacted;
        _used = used;
    }
}
