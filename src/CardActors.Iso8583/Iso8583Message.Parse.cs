using System.Buffers;
using System.Numerics;

namespace CardActors.Iso8583;

public sealed partial class Iso8583Message
{
    /// <summary>
    /// Parses one frame (the bytes after the length header). A single-segment sequence is parsed in
    /// place; a multi-segment one is copied once into the instance's rented buffer. On failure the
    /// error names the field and the fault, and the fields read before (or, after a content fault,
    /// also after) the fault stay readable, so that a format-error response can echo them.
    /// </summary>
    public bool TryParse(in ReadOnlySequence<byte> frame, out Iso8583Error error)
    {
        if (frame.IsSingleSegment)
        {
            return TryParse(frame.First, out error);
        }

        var length = frame.Length;
        if (length > Iso8583Framing.MaxMessageLength)
        {
            Clear();
            error = new Iso8583Error(Iso8583ErrorKind.FrameTooLong, Iso8583Error.FrameLevel, 0,
                (int)Math.Min(length, int.MaxValue), Iso8583Framing.MaxMessageLength);
            return false;
        }

        _copy ??= ArrayPool<byte>.Shared.Rent(Iso8583Framing.MaxMessageLength);
        frame.CopyTo(_copy);
        return TryParse(new ReadOnlyMemory<byte>(_copy, 0, (int)length), out error);
    }

    /// <summary>Parses one contiguous frame (the bytes after the length header) in place.</summary>
    public bool TryParse(ReadOnlyMemory<byte> frame, out Iso8583Error error)
    {
        Clear();
        error = default;
        if (frame.Length > Iso8583Framing.MaxMessageLength)
        {
            error = new Iso8583Error(Iso8583ErrorKind.FrameTooLong, Iso8583Error.FrameLevel, 0,
                frame.Length, Iso8583Framing.MaxMessageLength);
            return false;
        }

        _frame = frame;
        var hasSecondary = Walk(frame.Span, ref error);
        if (!error.IsError)
        {
            var rule = MessageRules.Find(Mti) ?? throw new InvalidOperationException($"MTI {Mti:D4} passed the walk without a rule.");
            error = CheckRules(rule, hasSecondary);
        }

        return !error.IsError;
    }

    private void Clear()
    {
        _present = UInt128.Zero;
        _valid = UInt128.Zero;
        _panLength = 0;
        _frame = default;
        Mti = -1;
        MacField = 0;
    }

    private static void Record(ref Iso8583Error first, Iso8583Error error)
    {
        if (!first.IsError)
        {
            first = error;
        }
    }

    /// <summary>Reads MTI, bitmaps and fields in order; returns whether a secondary bitmap is present.</summary>
    private bool Walk(ReadOnlySpan<byte> frame, ref Iso8583Error error)
    {
        if (frame.Length < 2)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.Truncated, FieldNumber.Mti, 0, frame.Length, 2));
            return false;
        }

        var mtiFault = Bcd.FindFault(frame[..2], 4, out _);
        if (mtiFault >= 0)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.BadBcdNibble, FieldNumber.Mti, mtiFault));
        }
        else
        {
            Mti = (int)Bcd.ToInt64(frame[..2], 4);
            if (MessageRules.Find(Mti) is null)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.UnsupportedMessageType, FieldNumber.Mti, 0, Mti));
            }
        }

        if (frame.Length < 10)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.Truncated, FieldNumber.Bitmap, 2, frame.Length - 2, 8));
            return false;
        }

        var primary = ReadBitmap(frame, 2);
        ulong secondary = 0;
        var position = 10;
        var hasSecondary = (primary & (1UL << 63)) != 0;
        if (hasSecondary)
        {
            if (frame.Length < 18)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.Truncated, FieldNumber.Bitmap, 10, frame.Length - 10, 8));
                return true;
            }

            secondary = ReadBitmap(frame, 10);
            position = 18;
            if (secondary == 0)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.EmptySecondaryBitmap, FieldNumber.Bitmap, 10));
            }
        }

        if (!ReadFields(frame, primary & ~(1UL << 63), 1, ref position, ref error) ||
            !ReadFields(frame, secondary, 65, ref position, ref error))
        {
            return hasSecondary;
        }

        if (position != frame.Length)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.TrailingBytes, Iso8583Error.FrameLevel, position, frame.Length - position));
        }

        if (FieldSet.Contains(_present, FieldNumber.SecondaryMac))
        {
            MacField = FieldNumber.SecondaryMac;
        }

        if (FieldSet.Contains(_present, FieldNumber.Mac))
        {
            if (hasSecondary)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.MacNotLast, FieldNumber.Mac, _offset[FieldNumber.Mac]));
            }
            else
            {
                MacField = FieldNumber.Mac;
            }
        }

        return hasSecondary;
    }

    /// <summary>Reads the fields of one bitmap, lowest first; false when the walk must stop.</summary>
    private bool ReadFields(ReadOnlySpan<byte> frame, ulong bitmap, int firstField, ref int position, ref Iso8583Error error)
    {
        while (bitmap != 0)
        {
            var index = BitOperations.LeadingZeroCount(bitmap);
            bitmap &= ~(1UL << (63 - index));
            var field = firstField + index;
            ref readonly var spec = ref FieldSpecs.Get(field);
            if (!spec.IsDefined)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.UndefinedField, field, position));
                return false;
            }

            if (!ReadField(frame, in spec, ref position, ref error))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one field; false when the frame's structure is lost and the walk must stop.</summary>
    private bool ReadField(ReadOnlySpan<byte> frame, in FieldSpec spec, ref int position, ref Iso8583Error error)
    {
        var field = spec.Number;
        var prefix = spec.PrefixBytes;
        var length = spec.MaxLength;
        var start = position;
        if (prefix > 0)
        {
            if (frame.Length - position < prefix)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.Truncated, field, position, frame.Length - position, prefix));
                return false;
            }

            length = Bcd.ReadLengthPrefix(frame.Slice(position, prefix));
            if (length < 0)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.BadLengthPrefix, field, position));
                return false;
            }

            if (length > spec.MaxLength)
            {
                Record(ref error, new Iso8583Error(Iso8583ErrorKind.LengthOverMax, field, position, length, spec.MaxLength));
                return false;
            }

            position += prefix;
        }

        var bytes = spec.ContentBytes(length);
        if (frame.Length - position < bytes)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.Truncated, field, position, frame.Length - position, bytes));
            return false;
        }

        var content = frame.Slice(position, bytes);
        var contentOffset = position;
        _offset[field] = position;
        _length[field] = length;
        _present |= FieldSet.Bit(field);
        position += bytes;

        if (length < spec.MinLength)
        {
            Record(ref error, new Iso8583Error(Iso8583ErrorKind.LengthBelowMin, field, start, length, spec.MinLength));
            return true;
        }

        var fault = FieldContent.Validate(in spec, content, length);
        if (fault.Kind != Iso8583ErrorKind.None)
        {
            Record(ref error, new Iso8583Error(fault.Kind, field, contentOffset + fault.Index, rule: fault.Rule));
            return true;
        }

        _valid |= FieldSet.Bit(field);
        if (field == FieldNumber.PrimaryAccountNumber)
        {
            Bcd.ToAscii(content, length, _pan);
            _panLength = length;
        }

        return true;
    }
}
