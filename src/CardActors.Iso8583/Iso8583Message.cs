using System.Buffers;
using System.Buffers.Binary;

namespace CardActors.Iso8583;

/// <summary>
/// A parsed message: the MTI, the bitmap and, per field, where its value lies in the frame. The
/// object is reusable: parse frame after frame into the same instance, nothing is allocated on the
/// fast path. Accessors read straight from the frame, so the frame's memory must stay valid (the
/// pipe must not be advanced past it) while the message is in use. A frame that spans several
/// segments is copied once into a buffer the instance rents and keeps.
/// </summary>
public sealed partial class Iso8583Message : IDisposable
{
    private readonly int[] _offset = new int[FieldNumber.Max + 1];
    private readonly int[] _length = new int[FieldNumber.Max + 1];
    private readonly byte[] _pan = new byte[19];
    private ReadOnlyMemory<byte> _frame;
    private byte[]? _copy;
    private UInt128 _present;
    private UInt128 _valid;
    private int _panLength;

    /// <summary>The MTI as a decimal number (0200 → 200); -1 when it could not be read.</summary>
    public int Mti { get; private set; } = -1;

    public MessageType MessageType => (MessageType)Mti;

    /// <summary>The fields that were read with valid content (the whole bitmap after a successful parse).</summary>
    public UInt128 Fields => _valid;

    /// <summary>The field carrying the MAC (64, or 128 with a secondary bitmap), or 0 when there is none.</summary>
    public int MacField { get; private set; }

    /// <summary>The frame this message was parsed from (MTI first, no length header).</summary>
    public ReadOnlySpan<byte> Frame => _frame.Span;

    /// <summary>Whether <paramref name="field"/> is present and its content valid.</summary>
    public bool Has(int field) => FieldSet.Contains(_valid, field);

    /// <summary>The length as declared or fixed: digits for n, characters for an/ans, bytes for b.</summary>
    public int GetLength(int field)
    {
        Require(field);
        return _length[field];
    }

    /// <summary>The field's bytes on the wire after any length prefix (packed BCD for n).</summary>
    public ReadOnlySpan<byte> GetRaw(int field)
    {
        Require(field);
        return _frame.Span.Slice(_offset[field], FieldSpecs.Get(field).ContentBytes(_length[field]));
    }

    /// <summary>A numeric field of at most 18 digits as a number.</summary>
    public long GetNumeric(int field)
    {
        RequireFormat(field, FieldFormat.Numeric);
        return Bcd.ToInt64(GetRaw(field), _length[field]);
    }

    public bool TryGetNumeric(int field, out long value)
    {
        if (!Has(field) || FieldSpecs.Get(field).Format != FieldFormat.Numeric || _length[field] > Bcd.MaxLongDigits)
        {
            value = 0;
            return false;
        }

        value = Bcd.ToInt64(GetRaw(field), _length[field]);
        return true;
    }

    /// <summary>The ASCII bytes of an an/ans field as sent, padding included.</summary>
    public ReadOnlySpan<byte> GetText(int field)
    {
        var format = FieldSpecs.Get(field).Format;
        if (format is not (FieldFormat.AlphaNumeric or FieldFormat.AlphaNumericSpecial))
        {
            throw new InvalidOperationException($"Field {field} is not a text field.");
        }

        return GetRaw(field);
    }

    /// <summary>The ASCII bytes of an an/ans field without trailing space padding.</summary>
    public ReadOnlySpan<byte> GetTrimmedText(int field) => GetText(field).TrimEnd((byte)' ');

    public ReadOnlySpan<byte> GetBinary(int field)
    {
        RequireFormat(field, FieldFormat.Binary);
        return GetRaw(field);
    }

    /// <summary>Writes the digits of a numeric field as ASCII into <paramref name="destination"/>; returns the digit count.</summary>
    public int CopyDigits(int field, Span<byte> destination)
    {
        RequireFormat(field, FieldFormat.Numeric);
        var digits = _length[field];
        Bcd.ToAscii(GetRaw(field), digits, destination[..digits]);
        return digits;
    }

    /// <summary>The PAN's digits as ASCII; empty when field 2 is absent. Never log it in full.</summary>
    public ReadOnlySpan<byte> Pan => Has(FieldNumber.PrimaryAccountNumber) ? _pan.AsSpan(0, _panLength) : default;

    public ProcessingCode ProcessingCode => new((int)GetNumeric(FieldNumber.ProcessingCode));

    public TransactionType TransactionType => ProcessingCode.TransactionType;

    /// <summary>The payment code (field 48, subelement PC) when the request carries one.</summary>
    public bool TryGetPaymentCode(out ReadOnlySpan<byte> code)
    {
        code = default;
        return Has(FieldNumber.AdditionalData) &&
            AdditionalData.TryFind(GetRaw(FieldNumber.AdditionalData), AdditionalData.PaymentCodeTag, out code);
    }

    /// <summary>The batch number (field 48, subelement BN) of a 0500.</summary>
    public bool TryGetBatchNumber(out int batchNumber)
    {
        batchNumber = 0;
        if (!Has(FieldNumber.AdditionalData) ||
            !AdditionalData.TryFind(GetRaw(FieldNumber.AdditionalData), AdditionalData.BatchNumberTag, out var value))
        {
            return false;
        }

        foreach (var digit in value)
        {
            batchNumber = batchNumber * 10 + (digit - '0');
        }

        return true;
    }

    /// <summary>Field 39 as a number (00–99); false when absent or not two digits.</summary>
    public bool TryGetResponseCode(out int code)
    {
        code = 0;
        if (!Has(FieldNumber.ResponseCode))
        {
            return false;
        }

        var text = GetRaw(FieldNumber.ResponseCode);
        int tens = text[0] - '0', units = text[1] - '0';
        if ((uint)tens > 9 || (uint)units > 9)
        {
            return false;
        }

        code = tens * 10 + units;
        return true;
    }

    public OriginalDataElements GetOriginalData() => OriginalDataElements.Read(GetRaw(FieldNumber.OriginalData));

    public AdditionalAmountEnumerator GetAdditionalAmounts() =>
        new(Has(FieldNumber.AdditionalAmounts) ? GetRaw(FieldNumber.AdditionalAmounts) : default);

    /// <summary>The 8 MAC bytes; empty when the message has no MAC.</summary>
    public ReadOnlySpan<byte> Mac => MacField == 0 ? default : GetRaw(MacField);

    /// <summary>The bytes the MAC covers: from the MTI up to, not including, the MAC field.</summary>
    public ReadOnlySpan<byte> MacCoveredBytes => MacField == 0 ? default : _frame.Span[.._offset[MacField]];

    /// <summary>The field's bytes on the wire including its length prefix, for copying into a response.</summary>
    internal ReadOnlySpan<byte> GetEncoded(int field)
    {
        Require(field);
        ref readonly var spec = ref FieldSpecs.Get(field);
        var start = _offset[field] - spec.PrefixBytes;
        return _frame.Span.Slice(start, spec.PrefixBytes + spec.ContentBytes(_length[field]));
    }

    public void Dispose()
    {
        var copy = _copy;
        _copy = null;
        _frame = default;
        if (copy is not null)
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private void Require(int field)
    {
        if (!Has(field))
        {
            throw new InvalidOperationException($"Field {field} is absent or invalid in this message.");
        }
    }

    private void RequireFormat(int field, FieldFormat format)
    {
        if (FieldSpecs.Get(field).Format != format)
        {
            throw new InvalidOperationException($"Field {field} is not of format {format}.");
        }

        Require(field);
    }

    private static ulong ReadBitmap(ReadOnlySpan<byte> frame, int offset) => BinaryPrimitives.ReadUInt64BigEndian(frame[offset..]);
}
