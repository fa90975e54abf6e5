using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// What every answer must satisfy (docs/iso8583.md §4, §6, §11): it parses under the codec's rules,
/// its MTI is the request's + 10, it echoes the request's fields byte for byte, it never carries the
/// PAN, 38 comes with 00 only, and it is MACed under the terminal's key exactly when the request's
/// MAC verified.
/// </summary>
internal static class IsoAssert
{
    private static readonly int[] Echoable =
    [
        FieldNumber.ProcessingCode, FieldNumber.Amount, FieldNumber.TransmissionDateTime, FieldNumber.Stan,
        FieldNumber.LocalTime, FieldNumber.LocalDate, FieldNumber.SettlementDate, FieldNumber.AcquirerId,
        FieldNumber.ForwardingId, FieldNumber.RetrievalReferenceNumber, FieldNumber.TerminalId,
        FieldNumber.MerchantId, FieldNumber.Currency, FieldNumber.NetworkManagementCode,
    ];

    private static readonly int[] NeverAnswered =
        [FieldNumber.PrimaryAccountNumber, FieldNumber.PosEntryMode, FieldNumber.AdditionalData, FieldNumber.OriginalData];

    /// <summary>An answer to a request whose MAC verified: MACed, with the given 39.</summary>
    public static void Answered(PosRequest request, IsoAnswer answer, int code, MacKey key)
    {
        Wellformed(request, answer, code);
        Assert.True(answer.HasMac, $"{answer}: an answer to a verified request carries a MAC");
        Assert.True(answer.MacVerifies(key), $"{answer}: the MAC does not verify under the terminal's key");
    }

    /// <summary>An approval of a 0100/0200: 00, 38, and balances in 54.</summary>
    public static void Approved(PosRequest request, IsoAnswer answer, MacKey key)
    {
        Answered(request, answer, 0, key);
        Assert.Matches("^[0-9A-Z ]{6}$", answer.ApprovalCode ?? "");
        if (request.Type is MessageType.AuthorizationRequest or MessageType.FinancialRequest)
        {
            Assert.NotNull(answer.Available);
        }
    }

    /// <summary>A decline of a verified request: MACed, no 38, balances only with 51.</summary>
    public static void Declined(PosRequest request, IsoAnswer answer, int code, MacKey key)
    {
        Answered(request, answer, code, key);
        Assert.Null(answer.ApprovalCode);
        if (code != 51)
        {
            Assert.False(answer.Has(FieldNumber.AdditionalAmounts), $"{answer}: a decline other than 51 carries no balances");
        }
    }

    /// <summary>An answer to a request that was not verified (bad MAC, unknown terminal): no MAC.</summary>
    public static void Refused(PosRequest request, IsoAnswer answer, int code)
    {
        Wellformed(request, answer, code);
        Assert.False(answer.HasMac, $"{answer}: an answer to an unverified request carries no MAC");
        Assert.Null(answer.ApprovalCode);
        Assert.False(answer.Has(FieldNumber.AdditionalAmounts));
    }

    /// <summary>A format-error answer (39 = 30): no MAC, and of the request only 7, 11, 32, 37, 41, 42.</summary>
    public static void FormatError(IsoAnswer answer, int expectedMti)
    {
        Assert.True(answer.Parsed, answer.ToString());
        Assert.Equal(expectedMti, answer.Mti);
        Assert.Equal(30, answer.Code);
        Assert.False(answer.HasMac, $"{answer}: a format error carries no MAC");
        var allowed = FieldSet.Of(FieldNumber.TransmissionDateTime, FieldNumber.Stan, FieldNumber.AcquirerId,
            FieldNumber.RetrievalReferenceNumber, FieldNumber.ResponseCode, FieldNumber.TerminalId, FieldNumber.MerchantId);
        Assert.True((answer.Fields & ~allowed & ~FieldSet.Of(FieldNumber.Bitmap)) == UInt128.Zero, $"{answer}: a format error echoes only 7, 11, 32, 37, 41, 42");
    }

    /// <summary>
    /// A format-error answer to a frame of any MTI. A request or advice of a type the specification
    /// does not define (0300, 0224, 8500) is answered with its MTI + 10 (docs/iso8583.md §13), a type
    /// the codec cannot parse either; read with the MTI of a defined response it must be a
    /// well-formed format-error answer.
    /// </summary>
    public static void FormatErrorOfAnyType(IsoAnswer answer, string context)
    {
        var body = answer.Body;
        Assert.True(body.Length >= 2 && IsBcdDigits(body[0]) && IsBcdDigits(body[1]) && body[1] >> 4 is 1 or 3, $"{context}: {answer} is not a response");
        var readable = answer.Parsed ? answer : new IsoAnswer([0x02, 0x10, .. body.AsSpan(2)]);
        Assert.True(readable.Parsed && readable.Code == 30 && !readable.HasMac, $"{context}: {answer} is not a format-error answer");
    }

    private static bool IsBcdDigits(byte b) => b >> 4 <= 9 && (b & 0x0F) <= 9;

    private static void Wellformed(PosRequest request, IsoAnswer answer, int code)
    {
        Assert.True(answer.Parsed, answer.ToString());
        Assert.Equal((int)request.Type + 10, answer.Mti);
        Assert.True(code == answer.Code, $"{answer}: expected 39 = {code:D2}");
        foreach (var field in NeverAnswered)
        {
            Assert.False(answer.Has(field), $"{answer}: field {field} is never sent back");
        }

        using var sent = request.Parse();
        foreach (var field in Echoable)
        {
            if (!sent.Has(field) || (field == FieldNumber.Currency && request.Type == MessageType.BatchTotalsRequest))
            {
                continue;
            }

            Assert.True(answer.Has(field), $"{answer}: field {field} of the request is not echoed");
            Assert.Equal(sent.GetRaw(field).ToArray(), answer.Raw(field));
        }

        var approved = code == 0;
        if (request.Type is MessageType.AuthorizationRequest or MessageType.FinancialRequest)
        {
            Assert.True(approved == answer.Has(FieldNumber.ApprovalCode), $"{answer}: 38 is present if and only if 39 is 00");
        }
        else
        {
            Assert.False(answer.Has(FieldNumber.ApprovalCode), $"{answer}: only 0110 and 0210 carry 38");
        }
    }
}
