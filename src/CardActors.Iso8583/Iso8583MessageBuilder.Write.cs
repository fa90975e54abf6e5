using System.Buffers;
using System.Buffers.Binary;

namespace CardActors.Iso8583;

public sealed partial class Iso8583MessageBuilder
{
    private static readonly UInt128 MacFields = FieldSet.Of(FieldNumber.Mac, FieldNumber.SecondaryMac);

    /// <summary>Bytes the message takes (no length header), with a MAC when <paramref name="withMac"/>.</summary>
    public int MeasureLength(bool withMac) => Layout(withMac, out _);

    /// <summary>
    /// Writes the message (no length header) into <paramref name="destination"/> and returns its
    /// length. With <paramref name="macKey"/>, the MAC goes into field 64, or 128 when any field
    /// 65–127 is set, and any MAC field set by hand is replaced.
    /// </summary>
    public int WriteTo(Span<byte> destination, MacKey? macKey = null)
    {
        var length = Layout(macKey is not null, out var fields);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The message needs {length} bytes.", nameof(destination));
        }

        return Write(destination, macKey, fields);
    }

    /// <summary>Writes the message (no length header) to <paramref name="writer"/>; returns its length.</summary>
    public int WriteTo(IBufferWriter<byte> writer, MacKey? macKey = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = Layout(macKey is not null, out var fields);
        var written = Write(writer.GetSpan(length), macKey, fields);
        writer.Advance(written);
        return written;
    }

    /// <summary>Writes the 2-byte length header and the message to <paramref name="writer"/>; returns the bytes written.</summary>
    public int WriteFramedTo(IBufferWriter<byte> writer, MacKey? macKey = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = Layout(macKey is not null, out var fields);
        var span = writer.GetSpan(Iso8583Framing.HeaderLength + length);
        var written = Write(span[Iso8583Framing.HeaderLength..], macKey, fields);
        Iso8583Framing.WriteHeader(span, written);
        writer.Advance(Iso8583Framing.HeaderLength + written);
        return Iso8583Framing.HeaderLength + written;
    }

    private int Write(Span<byte> destination, MacKey? macKey, UInt128 fields)
    {
        Bcd.Write(destination, Mti, 4);
        var hasSecondary = FieldSet.Contains(fields, FieldNumber.Bitmap);
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], FieldSet.Primary(fields));
        var position = 10;
        if (hasSecondary)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[10..], FieldSet.SecondaryHalf(fields));
            position = 18;
        }

        var macField = macKey is null ? 0 : hasSecondary ? FieldNumber.SecondaryMac : FieldNumber.Mac;
        var remaining = fields & ~FieldSet.Of(FieldNumber.Bitmap);
        while (remaining != UInt128.Zero)
        {
            var field = FieldSet.Lowest(remaining);
            remaining &= ~FieldSet.Bit(field);
            if (field == macField)
            {
                Iso8583Mac.Compute(macKey!, destination[..position], destination.Slice(position, Iso8583Mac.Length));
                position += Iso8583Mac.Length;
                continue;
            }

            _data.AsSpan(_start[field], _size[field]).CopyTo(destination[position..]);
            position += _size[field];
        }

        return position;
    }

    /// <summary>The fields to write (bitmap bit 1 and MAC bit included) and the message length.</summary>
    private int Layout(bool withMac, out UInt128 fields)
    {
        if (Mti < 0)
        {
            throw new InvalidOperationException("Call Reset with a message type first.");
        }

        fields = _fields & ~FieldSet.Of(FieldNumber.Bitmap);
        if (withMac)
        {
            fields &= ~MacFields;
        }

        var hasSecondary = (fields & FieldSet.Secondary & ~FieldSet.Of(FieldNumber.SecondaryMac)) != UInt128.Zero;
        if (withMac)
        {
            fields |= FieldSet.Of(hasSecondary ? FieldNumber.SecondaryMac : FieldNumber.Mac);
        }

        hasSecondary |= FieldSet.Contains(fields, FieldNumber.SecondaryMac);
        if (hasSecondary)
        {
            if (FieldSet.Contains(fields, FieldNumber.Mac))
            {
                throw new InvalidOperationException("Field 64 cannot be used with a secondary bitmap: the MAC goes in 128.");
            }

            fields |= FieldSet.Of(FieldNumber.Bitmap);
        }

        if (CheckPresence)
        {
            CheckFieldPresence(fields & ~MacFields & ~FieldSet.Of(FieldNumber.Bitmap));
        }

        var length = 2 + (hasSecondary ? 16 : 8);
        var remaining = fields & ~FieldSet.Of(FieldNumber.Bitmap);
        while (remaining != UInt128.Zero)
        {
            var field = FieldSet.Lowest(remaining);
            remaining &= ~FieldSet.Bit(field);
            length += withMac && field is FieldNumber.Mac or FieldNumber.SecondaryMac ? Iso8583Mac.Length : _size[field];
        }

        if (length > Iso8583Framing.MaxMessageLength)
        {
            throw new InvalidOperationException($"The message takes {length} bytes; the maximum is {Iso8583Framing.MaxMessageLength}.");
        }

        return length;
    }

    private void CheckFieldPresence(UInt128 fields)
    {
        var rule = MessageRules.Find(Mti);
        if (rule is null)
        {
            return;
        }

        var formatError = !rule.IsRequest && Has(FieldNumber.ResponseCode) &&
            _data.AsSpan(_start[FieldNumber.ResponseCode], 2).SequenceEqual("30"u8);
        var missing = (formatError ? FieldSet.Of(FieldNumber.ResponseCode) : rule.Mandatory) & ~fields;
        if (missing != UInt128.Zero)
        {
            throw new InvalidOperationException($"Field {FieldSet.Lowest(missing)} is mandatory in message type {Mti:D4}.");
        }

        var extra = fields & ~rule.Allowed;
        if (extra != UInt128.Zero)
        {
            throw new InvalidOperationException($"Field {FieldSet.Lowest(extra)} is not allowed in message type {Mti:D4}.");
        }
    }
}
