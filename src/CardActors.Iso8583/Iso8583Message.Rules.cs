namespace CardActors.Iso8583;

public sealed partial class Iso8583Message
{
    private static readonly UInt128 Structural =
        FieldSet.Of(FieldNumber.Bitmap, FieldNumber.Mac, FieldNumber.SecondaryMac);

    /// <summary>True for a response whose field 39 is 30: it carries only what the request let be echoed.</summary>
    public bool IsFormatErrorResponse =>
        !MessageTypes.IsRequestMti(Mti) && Has(FieldNumber.ResponseCode) &&
        GetRaw(FieldNumber.ResponseCode).SequenceEqual("30"u8);

    /// <summary>Presence per message type, then the conditional rules of docs/iso8583.md, first violation wins.</summary>
    private Iso8583Error CheckRules(MessageRule rule, bool hasSecondary)
    {
        var fields = _present & ~Structural;
        var mandatory = IsFormatErrorResponse ? FieldSet.Of(FieldNumber.ResponseCode) : rule.Mandatory;
        var missing = mandatory & ~fields;
        if (missing != UInt128.Zero)
        {
            return Missing(FieldSet.Lowest(missing), rule: null);
        }

        var extra = fields & ~rule.Allowed;
        if (extra != UInt128.Zero)
        {
            return NotAllowed(FieldSet.Lowest(extra), rule: null);
        }

        if (IsFormatErrorResponse)
        {
            return default;
        }

        if (rule.IsRequest && MacField == 0 && RequiresMac())
        {
            return Missing(hasSecondary ? FieldNumber.SecondaryMac : FieldNumber.Mac, "every request but an 0800 echo carries a MAC");
        }

        return Mti switch
        {
            (int)MessageType.AuthorizationRequest => CheckCardIdentification(),
            (int)MessageType.FinancialRequest => CheckFinancialRequest(),
            (int)MessageType.AuthorizationResponse or (int)MessageType.FinancialResponse => CheckAuthorizationResponse(),
            (int)MessageType.BatchTotalsRequest when HasSubelement(AdditionalData.PaymentCodeTag) =>
                new Iso8583Error(Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData, _offset[FieldNumber.AdditionalData], rule: "0500 field 48 carries BN only"),
            _ => default,
        };
    }

    private bool RequiresMac() =>
        Mti != (int)MessageType.NetworkManagementRequest ||
        GetNumeric(FieldNumber.NetworkManagementCode) != (long)NetworkManagementCode.Echo;

    private Iso8583Error CheckFinancialRequest()
    {
        switch (TransactionType)
        {
            case TransactionType.Purchase or TransactionType.TopUp:
                if (!Has(FieldNumber.Amount))
                {
                    return Missing(FieldNumber.Amount, "purchases and top-ups carry an amount");
                }

                return Has(FieldNumber.OriginalData)
                    ? NotAllowed(FieldNumber.OriginalData, "only a refund names an original in 0200")
                    : CheckCardIdentification();
            case TransactionType.BalanceInquiry:
                if (Has(FieldNumber.Amount))
                {
                    return NotAllowed(FieldNumber.Amount, "a balance inquiry carries no amount");
                }

                return Has(FieldNumber.OriginalData)
                    ? NotAllowed(FieldNumber.OriginalData, "only a refund names an original in 0200")
                    : CheckCardIdentification();
            case TransactionType.Refund:
                if (!Has(FieldNumber.Amount))
                {
                    return Missing(FieldNumber.Amount, "a refund carries an amount");
                }

                if (!Has(FieldNumber.OriginalData))
                {
                    return Missing(FieldNumber.OriginalData, "a refund names the original sale in field 90");
                }

                return Has(FieldNumber.AdditionalData)
                    ? NotAllowed(FieldNumber.AdditionalData, "a refund carries no payment code")
                    : default;
            default:
                // Other processing codes are well formed; the issuer answers them 12.
                return default;
        }
    }

    /// <summary>Entry mode 03x: the payment code in 48 and no PAN; any other entry mode: the PAN and no payment code.</summary>
    private Iso8583Error CheckCardIdentification()
    {
        if (HasSubelement(AdditionalData.BatchNumberTag))
        {
            return new Iso8583Error(Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData,
                _offset[FieldNumber.AdditionalData], rule: "0100/0200 field 48 carries PC only");
        }

        var byPaymentCode = GetNumeric(FieldNumber.PosEntryMode) / 10 == (long)PanEntryMode.PaymentCode;
        var hasPan = Has(FieldNumber.PrimaryAccountNumber);
        var hasCode = HasSubelement(AdditionalData.PaymentCodeTag);
        if (byPaymentCode)
        {
            if (hasPan)
            {
                return NotAllowed(FieldNumber.PrimaryAccountNumber, "entry mode 03x: the payment code replaces the PAN");
            }

            return hasCode ? default : Missing(FieldNumber.AdditionalData, "entry mode 03x carries the payment code in 48 (PC)");
        }

        if (hasCode)
        {
            return new Iso8583Error(Iso8583ErrorKind.InvalidValue, FieldNumber.PosEntryMode, _offset[FieldNumber.PosEntryMode],
                rule: "a payment code requires entry mode 03x");
        }

        return hasPan ? default : Missing(FieldNumber.PrimaryAccountNumber, "entry modes other than 03x carry the PAN");
    }

    private Iso8583Error CheckAuthorizationResponse()
    {
        var balanceInquiry = Mti == (int)MessageType.FinancialResponse && TransactionType == TransactionType.BalanceInquiry;
        if (balanceInquiry && Has(FieldNumber.Amount))
        {
            return NotAllowed(FieldNumber.Amount, "a balance inquiry carries no amount");
        }

        var approved = GetRaw(FieldNumber.ResponseCode).SequenceEqual("00"u8);
        if (approved && !Has(FieldNumber.ApprovalCode))
        {
            return Missing(FieldNumber.ApprovalCode, "an approval carries an approval code");
        }

        if (!approved && Has(FieldNumber.ApprovalCode))
        {
            return NotAllowed(FieldNumber.ApprovalCode, "only an approval carries an approval code");
        }

        return approved && balanceInquiry && !Has(FieldNumber.AdditionalAmounts)
            ? Missing(FieldNumber.AdditionalAmounts, "an approved balance inquiry reports balances")
            : default;
    }

    private bool HasSubelement(ReadOnlySpan<byte> tag) =>
        Has(FieldNumber.AdditionalData) && AdditionalData.TryFind(GetRaw(FieldNumber.AdditionalData), tag, out _);

    private Iso8583Error Missing(int field, string? rule) =>
        new(Iso8583ErrorKind.MissingMandatoryField, field, _frame.Length, Mti, rule: rule);

    private Iso8583Error NotAllowed(int field, string? rule) =>
        new(Iso8583ErrorKind.FieldNotAllowed, field, _offset[field], Mti, rule: rule);
}
