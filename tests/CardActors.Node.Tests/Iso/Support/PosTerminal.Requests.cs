using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>The message set of docs/iso8583.md §4, as a terminal sends it.</summary>
internal sealed partial class PosTerminal
{
    public const int Purchase = 0;
    public const int Refund = 20_0000;
    public const int TopUp = 21_0000;
    public const int BalanceInquiry = 31_0000;

    public PosRequest SignOn(PosMac mac = PosMac.Valid) => Network(NetworkManagementCode.SignOn, mac);

    public PosRequest SignOff(PosMac mac = PosMac.Valid) => Network(NetworkManagementCode.SignOff, mac);

    public PosRequest Echo(PosMac mac = PosMac.Valid) => Network(NetworkManagementCode.Echo, mac);

    public PosRequest Network(NetworkManagementCode code, PosMac mac = PosMac.Valid) =>
        Request(MessageType.NetworkManagementRequest, b => b.SetNumeric(FieldNumber.NetworkManagementCode, (long)code), mac);

    /// <summary>0100 with a PAN, or with a payment code when <paramref name="paymentCode"/> is set.</summary>
    public PosRequest Authorize(string? card, long amount, string? paymentCode = null, Action<Iso8583MessageBuilder>? tweak = null, PosMac mac = PosMac.Valid) =>
        Spend(MessageType.AuthorizationRequest, Purchase, card, amount, paymentCode, tweak, mac);

    /// <summary>0200 purchase.</summary>
    public PosRequest Buy(string? card, long amount, string? paymentCode = null, Action<Iso8583MessageBuilder>? tweak = null, PosMac mac = PosMac.Valid) =>
        Spend(MessageType.FinancialRequest, Purchase, card, amount, paymentCode, tweak, mac);

    /// <summary>0200 top-up at the counter.</summary>
    public PosRequest Load(string card, long amount, Action<Iso8583MessageBuilder>? tweak = null) =>
        Spend(MessageType.FinancialRequest, TopUp, card, amount, null, tweak, PosMac.Valid);

    /// <summary>0200 balance inquiry: no amount.</summary>
    public PosRequest Inquire(string card, Action<Iso8583MessageBuilder>? tweak = null) =>
        Spend(MessageType.FinancialRequest, BalanceInquiry, card, null, null, tweak, PosMac.Valid);

    /// <summary>0200 refund of <paramref name="original"/>; field 2 only when <paramref name="card"/> is given.</summary>
    public PosRequest GiveBack(string? card, long amount, PosRequest original, Action<Iso8583MessageBuilder>? tweak = null)
    {
        var stan = NextStan();
        return Request(MessageType.FinancialRequest, b =>
        {
            if (card is not null)
            {
                b.SetDigits(FieldNumber.PrimaryAccountNumber, card);
            }

            b.SetNumeric(FieldNumber.ProcessingCode, Refund).SetNumeric(FieldNumber.Amount, amount);
            LocalTime(b, stan);
            b.SetNumeric(FieldNumber.PosEntryMode, 72)
                .SetText(FieldNumber.RetrievalReferenceNumber, RrnOf(stan))
                .SetNumeric(FieldNumber.Currency, Cny)
                .SetOriginalData(original.AsOriginal);
            tweak?.Invoke(b);
        }, stan: stan, processingCode: Refund);
    }

    /// <summary>0220 completion advice of the 0100 <paramref name="original"/>.</summary>
    public PosRequest Complete(string? card, long amount, PosRequest original, Action<Iso8583MessageBuilder>? tweak = null, PosMac mac = PosMac.Valid) =>
        FollowUp(MessageType.CompletionAdvice, card, amount, original, tweak, mac);

    /// <summary>0400 reversal request (or 0420 advice) of <paramref name="original"/>.</summary>
    public PosRequest Reverse(string? card, long amount, PosRequest original, bool advice = false, Action<Iso8583MessageBuilder>? tweak = null, PosMac mac = PosMac.Valid) =>
        FollowUp(advice ? MessageType.ReversalAdvice : MessageType.ReversalRequest, card, amount, original, tweak, mac);

    /// <summary>0500 batch totals for a settlement date (MMDD) and batch number.</summary>
    public PosRequest Totals(int settlementDate, int batch, (long Count, long Amount) credits, (long Count, long Amount) creditReversals,
        (long Count, long Amount) debits, (long Count, long Amount) debitReversals, PosMac mac = PosMac.Valid) =>
        Request(MessageType.BatchTotalsRequest, b => b
            .SetNumeric(FieldNumber.SettlementDate, settlementDate)
            .SetBatchNumber(batch)
            .SetNumeric(FieldNumber.Currency, Cny)
            .SetNumeric(FieldNumber.CreditsCount, credits.Count)
            .SetNumeric(FieldNumber.CreditReversalsCount, creditReversals.Count)
            .SetNumeric(FieldNumber.DebitsCount, debits.Count)
            .SetNumeric(FieldNumber.DebitReversalsCount, debitReversals.Count)
            .SetNumeric(FieldNumber.CreditsAmount, credits.Amount)
            .SetNumeric(FieldNumber.CreditReversalsAmount, creditReversals.Amount)
            .SetNumeric(FieldNumber.DebitsAmount, debits.Amount)
            .SetNumeric(FieldNumber.DebitReversalsAmount, debitReversals.Amount), mac);

    private PosRequest Spend(MessageType type, int processing, string? card, long? amount, string? paymentCode, Action<Iso8583MessageBuilder>? tweak, PosMac mac)
    {
        var stan = NextStan();
        return Request(type, b =>
        {
            if (card is not null)
            {
                b.SetDigits(FieldNumber.PrimaryAccountNumber, card);
            }

            b.SetNumeric(FieldNumber.ProcessingCode, processing);
            if (amount is { } a)
            {
                b.SetNumeric(FieldNumber.Amount, a);
            }

            LocalTime(b, stan);
            b.SetNumeric(FieldNumber.PosEntryMode, paymentCode is null ? 72 : 32)
                .SetText(FieldNumber.RetrievalReferenceNumber, RrnOf(stan))
                .SetNumeric(FieldNumber.Currency, Cny);
            if (paymentCode is not null)
            {
                b.SetPaymentCode(paymentCode);
            }

            tweak?.Invoke(b);
        }, mac, stan, processingCode: processing);
    }

    private PosRequest FollowUp(MessageType type, string? card, long amount, PosRequest original, Action<Iso8583MessageBuilder>? tweak, PosMac mac) =>
        Request(type, b =>
        {
            if (card is not null)
            {
                b.SetDigits(FieldNumber.PrimaryAccountNumber, card);
            }

            b.SetNumeric(FieldNumber.ProcessingCode, original.ProcessingCode)
                .SetNumeric(FieldNumber.Amount, amount)
                .SetText(FieldNumber.RetrievalReferenceNumber, original.Rrn)
                .SetNumeric(FieldNumber.Currency, Cny)
                .SetOriginalData(original.AsOriginal);
            tweak?.Invoke(b);
        }, mac, rrn: original.Rrn, processingCode: original.ProcessingCode);

    private static void LocalTime(Iso8583MessageBuilder b, int stan)
    {
        var dateTime = TransmissionDateTimeOf(stan);
        b.SetNumeric(FieldNumber.LocalTime, dateTime % 1_000_000).SetNumeric(FieldNumber.LocalDate, dateTime / 1_000_000);
    }
}
