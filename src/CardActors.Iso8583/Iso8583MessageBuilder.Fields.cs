namespace CardActors.Iso8583;

public sealed partial class Iso8583MessageBuilder
{
    /// <summary>Request fields a format-error response echoes when they were read intact: none of them is secret.</summary>
    private static readonly UInt128 SafeEchoFields = FieldSet.Of(
        FieldNumber.TransmissionDateTime, FieldNumber.Stan, FieldNumber.AcquirerId,
        FieldNumber.RetrievalReferenceNumber, FieldNumber.TerminalId, FieldNumber.MerchantId);

    /// <summary>
    /// Starts the response to a parsed request: MTI + 10, and every field the response type echoes
    /// that the request has (copied byte for byte). The caller adds 39 and what the decision adds.
    /// </summary>
    public Iso8583MessageBuilder BeginResponse(Iso8583Message request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestRule = MessageRules.Find(request.Mti);
        if (requestRule is not { IsRequest: true })
        {
            throw new ArgumentException($"MTI {request.Mti:D4} is not a request of this specification.", nameof(request));
        }

        Reset(request.Mti + 10);
        CopyAll(request, MessageRules.Find(Mti)!.Echoed & request.Fields);
        return this;
    }

    /// <summary>
    /// Starts the answer to a frame that did not parse: MTI + 10 when the request's MTI was read and
    /// is a request or advice, otherwise 0810; field 39 = 30; and, of fields 7, 11, 32, 37, 41 and 42,
    /// those that were read intact and the response type allows. No MAC: the request's could not be checked.
    /// </summary>
    public Iso8583MessageBuilder BeginFormatErrorResponse(Iso8583Message failedRequest)
    {
        ArgumentNullException.ThrowIfNull(failedRequest);
        var mti = failedRequest.Mti >= 0 && MessageTypes.IsRequestMti(failedRequest.Mti)
            ? failedRequest.Mti + 10
            : (int)MessageType.NetworkManagementResponse;
        Reset(mti);
        var echo = SafeEchoFields & failedRequest.Fields;
        if (MessageRules.Find(mti) is { } rule)
        {
            echo &= rule.Allowed;
        }

        CopyAll(failedRequest, echo);
        return SetText(FieldNumber.ResponseCode, "30"u8);
    }

    /// <summary>Sets field 90 from its parts.</summary>
    public Iso8583MessageBuilder SetOriginalData(in OriginalDataElements original)
    {
        Span<byte> packed = stackalloc byte[OriginalDataElements.EncodedBytes];
        original.WriteTo(packed);
        ref readonly var spec = ref FieldSpecs.Get(FieldNumber.OriginalData);
        packed.CopyTo(Reserve(in spec, OriginalDataElements.Digits));
        return this;
    }

    /// <summary>Sets field 54 from 1 to 6 blocks.</summary>
    public Iso8583MessageBuilder SetAdditionalAmounts(ReadOnlySpan<AdditionalAmount> amounts)
    {
        if (amounts.Length is < 1 or > AdditionalAmount.MaxBlocks)
        {
            throw new ArgumentException($"Field 54 holds 1 to {AdditionalAmount.MaxBlocks} blocks.", nameof(amounts));
        }

        Span<byte> text = stackalloc byte[amounts.Length * AdditionalAmount.EncodedLength];
        for (var i = 0; i < amounts.Length; i++)
        {
            amounts[i].WriteTo(text.Slice(i * AdditionalAmount.EncodedLength, AdditionalAmount.EncodedLength));
        }

        return SetText(FieldNumber.AdditionalAmounts, text);
    }

    /// <summary>Sets field 48 to the payment code subelement (PC); use with entry mode 03x and no field 2.</summary>
    public Iso8583MessageBuilder SetPaymentCode(ReadOnlySpan<byte> paymentCode)
    {
        if (!AdditionalData.IsValidPaymentCode(paymentCode))
        {
            throw new ArgumentException("A payment code is 16 to 32 characters of 0-9 and A-Z.", nameof(paymentCode));
        }

        Span<byte> text = stackalloc byte[AdditionalData.HeaderLength + paymentCode.Length];
        AdditionalData.Write(text, AdditionalData.PaymentCodeTag, paymentCode);
        return SetText(FieldNumber.AdditionalData, text);
    }

    public Iso8583MessageBuilder SetPaymentCode(ReadOnlySpan<char> paymentCode)
    {
        if (paymentCode.Length > AdditionalData.PaymentCodeMaxLength)
        {
            throw new ArgumentException("A payment code is 16 to 32 characters of 0-9 and A-Z.", nameof(paymentCode));
        }

        Span<byte> ascii = stackalloc byte[paymentCode.Length];
        return SetPaymentCode(ToAscii(paymentCode, ascii, FieldNumber.AdditionalData));
    }

    /// <summary>Sets field 48 to the batch number subelement (BN) of a 0500.</summary>
    public Iso8583MessageBuilder SetBatchNumber(int batchNumber)
    {
        if ((uint)batchNumber > 999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(batchNumber), batchNumber, "A batch number has 6 digits.");
        }

        Span<byte> digits = stackalloc byte[AdditionalData.BatchNumberLength];
        for (var i = digits.Length - 1; i >= 0; i--, batchNumber /= 10)
        {
            digits[i] = (byte)('0' + batchNumber % 10);
        }

        Span<byte> text = stackalloc byte[AdditionalData.HeaderLength + AdditionalData.BatchNumberLength];
        AdditionalData.Write(text, AdditionalData.BatchNumberTag, digits);
        return SetText(FieldNumber.AdditionalData, text);
    }

    private void CopyAll(Iso8583Message source, UInt128 fields)
    {
        while (fields != UInt128.Zero)
        {
            var field = FieldSet.Lowest(fields);
            fields &= ~FieldSet.Bit(field);
            CopyFrom(source, field);
        }
    }
}
