using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>One message of every type of the specification, with all the fields its row allows.</summary>
internal static class Samples
{
    public const string Pan = "6277000000000011";
    public const string PaymentCode = "88012345678901ABCDEF";
    public const string Terminal = "TERM0001";
    public const string Merchant = "MERCHANT0000001";
    public const long Acquirer = 12345678;
    public const long Forwarder = 87654321;

    public static readonly MacKey Key = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    public static readonly OriginalDataElements OriginalSale =
        new(MessageType.FinancialRequest, 102, 1122093010, Acquirer, Forwarder);

    public static readonly OriginalDataElements OriginalHold =
        new(MessageType.AuthorizationRequest, 103, 1122093020, Acquirer, 0);

    public static readonly AdditionalAmount[] Balances =
    [
        new(AmountAccount.Card, AmountType.LedgerBalance, 156, 7500),
        new(AmountAccount.Card, AmountType.AvailableBalance, 156, 7500),
        new(AmountAccount.MainPurse, AmountType.AvailableBalance, 156, 5000),
        new(AmountAccount.BonusPurse, AmountType.AvailableBalance, 156, 2500),
        new(AmountAccount.Card, AmountType.DiscountApplied, 156, 300),
        new(AmountAccount.BonusPurse, AmountType.LedgerBalance, 156, -1),
    ];

    /// <summary>Name, builder (without MAC; the key is applied when writing) and whether the frame carries a MAC.</summary>
    public static IReadOnlyList<(string Name, Action<Iso8583MessageBuilder> Build, bool Mac)> All { get; } =
    [
        ("0100 pan", b => Financial(b, MessageType.AuthorizationRequest, TransactionType.Purchase, 10000).SetDigits(2, Pan), true),
        ("0100 payment code", b => Financial(b, MessageType.AuthorizationRequest, TransactionType.Purchase, 10000, entryMode: 31).SetPaymentCode(PaymentCode), true),
        ("0110 approved", b => Response(b, MessageType.AuthorizationResponse, TransactionType.Purchase, 10000).SetText(38, "H00103").SetAdditionalAmounts(Balances), true),
        ("0110 declined 51", b => Response(b, MessageType.AuthorizationResponse, TransactionType.Purchase, 10000, code: 51).SetAdditionalAmounts(Balances.AsSpan(0, 2)), true),
        ("0200 purchase", b => Financial(b, MessageType.FinancialRequest, TransactionType.Purchase, 2500).SetDigits(2, Pan), true),
        ("0200 purchase payment code", b => Financial(b, MessageType.FinancialRequest, TransactionType.Purchase, 2500, entryMode: 32).SetPaymentCode(PaymentCode), true),
        ("0200 refund", b => Financial(b, MessageType.FinancialRequest, TransactionType.Refund, 1000).SetDigits(2, Pan).SetOriginalData(OriginalSale), true),
        ("0200 top-up", b => Financial(b, MessageType.FinancialRequest, TransactionType.TopUp, 50000).SetDigits(2, "6277000000000000029"), true),
        ("0200 balance inquiry", b => Financial(b, MessageType.FinancialRequest, TransactionType.BalanceInquiry, null).SetDigits(2, Pan), true),
        ("0210 purchase approved", b => Response(b, MessageType.FinancialResponse, TransactionType.Purchase, 2500).SetText(38, "A1B2C3").SetAdditionalAmounts(Balances), true),
        ("0210 balance inquiry approved", b => Response(b, MessageType.FinancialResponse, TransactionType.BalanceInquiry, null).SetText(38, "B00001").SetAdditionalAmounts(Balances.AsSpan(0, 2)), true),
        ("0210 refund declined", b => Response(b, MessageType.FinancialResponse, TransactionType.Refund, 1000, code: 13), false),
        ("0220 completion", b => FollowUp(b, MessageType.CompletionAdvice, OriginalHold).SetDigits(2, Pan).SetText(38, "H00103"), true),
        ("0230 completion acknowledged", b => Response(b, MessageType.CompletionAdviceResponse, TransactionType.Purchase, 9000).SetAdditionalAmounts(Balances.AsSpan(1, 1)), true),
        ("0400 reversal", b => FollowUp(b, MessageType.ReversalRequest, OriginalSale), true),
        ("0410 reversal approved", b => Response(b, MessageType.ReversalResponse, TransactionType.Purchase, 9000), true),
        ("0420 reversal advice", b => FollowUp(b, MessageType.ReversalAdvice, OriginalSale).SetDigits(2, Pan).SetText(38, "A1B2C3"), true),
        ("0430 reversal advice acknowledged", b => Response(b, MessageType.ReversalAdviceResponse, TransactionType.Purchase, 9000), true),
        ("0500 batch totals", BatchTotals, true),
        ("0510 batch totals recorded", b => Header(b, MessageType.BatchTotalsResponse).SetNumeric(15, 1122).SetResponseCode(0), true),
        ("0800 sign-on", b => Header(b, MessageType.NetworkManagementRequest).SetNumeric(70, 1), true),
        ("0800 echo without MAC", b => Header(b, MessageType.NetworkManagementRequest).SetNumeric(70, 301), false),
        ("0810 sign-off", b => Header(b, MessageType.NetworkManagementResponse).SetNumeric(70, 2).SetResponseCode(0), true),
        ("0210 format error", b => b.Reset(MessageType.FinancialResponse).SetNumeric(11, 105).SetText(41, Terminal).SetResponseCode(30), false),
    ];

    public static byte[] Frame(Action<Iso8583MessageBuilder> build, bool mac)
    {
        using var builder = new Iso8583MessageBuilder();
        build(builder);
        var writer = new ArrayBufferWriter<byte>();
        builder.WriteFramedTo(writer, mac ? Key : null);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] Frame(string name)
    {
        var sample = All.Single(s => s.Name == name);
        return Frame(sample.Build, sample.Mac);
    }

    public static IEnumerable<object[]> Names() => All.Select(s => new object[] { s.Name });

    private static Iso8583MessageBuilder Header(Iso8583MessageBuilder b, MessageType type) => b
        .Reset(type)
        .SetNumeric(7, 1122093000)
        .SetNumeric(11, 101)
        .SetNumeric(12, 173000)
        .SetNumeric(13, 1122)
        .SetNumeric(32, Acquirer)
        .SetNumeric(33, Forwarder)
        .SetText(41, Terminal)
        .SetText(42, Merchant);

    private static Iso8583MessageBuilder Financial(Iso8583MessageBuilder b, MessageType type, TransactionType transaction, long? amount, int entryMode = 72)
    {
        Header(b, type).SetNumeric(3, ProcessingCode.For(transaction).Value).SetNumeric(22, entryMode)
            .SetText(37, "000000000102").SetNumeric(49, 156);
        return amount is { } a ? b.SetNumeric(4, a) : b;
    }

    private static Iso8583MessageBuilder Response(Iso8583MessageBuilder b, MessageType type, TransactionType transaction, long? amount, int code = 0)
    {
        Header(b, type).SetNumeric(3, ProcessingCode.For(transaction).Value).SetText(37, "000000000102")
            .SetResponseCode(code).SetNumeric(49, 156);
        return amount is { } a ? b.SetNumeric(4, a) : b;
    }

    private static Iso8583MessageBuilder FollowUp(Iso8583MessageBuilder b, MessageType type, OriginalDataElements original) =>
        Header(b, type).SetNumeric(3, 0).SetNumeric(4, 9000).SetNumeric(22, 72).SetText(37, "000000000102")
            .SetNumeric(49, 156).SetOriginalData(original);

    private static void BatchTotals(Iso8583MessageBuilder b) => Header(b, MessageType.BatchTotalsRequest)
        .SetNumeric(15, 1122).SetBatchNumber(17).SetNumeric(49, 156)
        .SetNumeric(74, 3).SetNumeric(75, 1).SetNumeric(76, 1200).SetNumeric(77, 4)
        .SetNumeric(86, 150000).SetNumeric(87, 500).SetNumeric(88, 3_600_000).SetNumeric(89, 12_000);
}
