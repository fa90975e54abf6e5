using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Encoding;

public sealed class CardEventRoundTripTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 15, 123, TimeSpan.Zero);
    private static readonly TransactionId Tx = new(0xFEDCBA9876543210);
    private static readonly IdempotencyKey Key = new(0x0123456789ABCDEF, 0xFFFFFFFFFFFFFFFF);
    private static readonly MerchantId Merchant = MerchantId.Parse("SHOP 0000000001");
    private static readonly TerminalId Terminal = TerminalId.Parse("POS-0042");
    private static readonly DateOnly Date = new(2026, 3, 2);
    private static readonly UsageScope Scope = new([new MerchantCategory(5812), new MerchantCategory(5411)], [new MerchantGroupId(3)], [new ProjectId(9)]);
    private static readonly CardNumber Card = CardNumber.Parse("0012345678901237");

    public static IEnumerable<object[]> EveryEvent()
    {
        CardEvent[] events =
        [
            new CardIssued(At, Tx, Key, Card, new ProductId(uint.MaxValue), new HolderId(ulong.MaxValue), long.MaxValue, TimeSpan.FromHours(1), TimeSpan.FromDays(365), new CardMemoryLimits(4, 256, 1024)),
            new CardActivated(At, null),
            new CardActivated(At, At.AddYears(3)),
            new ToppedUp(At, Tx, Key, 1, TopUpChannel.BankTransfer),
            new BonusGranted(At, Tx, Key, 500, At.AddDays(3), null),
            new BonusGranted(At, Tx, Key, 500, At.AddDays(3), Scope),
            new Authorized(At, Tx, Key, 100, 200, new TransactionId(3), At.AddDays(7), Merchant, Terminal, Date),
            new HoldCaptured(At, Tx, Key, new TransactionId(4), 1, 2, 3, 4, 5, Merchant, Terminal, Date),
            new Purchased(At, Tx, Key, 10, 20, new TransactionId(5), Merchant, Terminal, Date),
            new HoldReleased(At, Tx, Key, new TransactionId(6), 7, 8, 9),
            new HoldExpired(At, new TransactionId(7), 1, 2, 3),
            new SaleReversed(At, Tx, Key, new TransactionId(8), 4, 5, 6, Merchant, Date),
            new Refunded(At, Tx, Key, new TransactionId(9), 4, 5, 6, Merchant, Terminal, Date),
            new Refunded(At, Tx, Key, new TransactionId(9), 4, 5, 6, Merchant, Terminal, Date, new OlderSaleRefund(new TransactionId(14), new TransactionId(15), At.AddDays(-20), 100, 7)),
            new ReversalRecorded(At, Tx, Key, new TransactionId(10), new IdempotencyKey(5, 6), true),
            new BonusExpired(At, new TransactionId(11), 12),
            new Declined(At, Tx, Key, OperationKind.Refund, ResponseCode.InvalidAmount, DeclineReason.RefundExceedsSale),
            new CardFrozen(At),
            new CardUnfrozen(At),
            new CardReportedLost(At),
            new BalanceTransferredOut(At, Tx, Key, Card, 3_000, [new BonusLot(new TransactionId(12), 50, At.AddDays(1), Scope), new BonusLot(new TransactionId(13), 60, At.AddDays(2), null)]),
            new TransferReceived(At, Tx, Card, CardNumber.Parse("4111111111111111"), new ProductId(7), new HolderId(42), null, 3_000,
                [new BonusLot(new TransactionId(12), 50, At.AddDays(1), Scope)], TimeSpan.FromHours(24), TimeSpan.FromDays(30), CardMemoryLimits.Default),
            new TransferOutConfirmed(At, Tx),
            new CardExtended(At, Tx, Key, At.AddMonths(12), 500),
            new CardClosed(At, Tx, Key, 1_000, 200),
            new CreditReversed(At, Tx, Key, new TransactionId(16), TransactionId.None, 3_000, 0, default, Date),
            new CreditReversed(At, Tx, Key, new TransactionId(17), new TransactionId(9), 400, 25, Merchant, Date),
        ];
        return events.Select(e => new object[] { e });
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_survives_encode_and_decode(CardEvent cardEvent)
    {
        var bytes = Encode(cardEvent);
        var decoded = CardEventCodec.Decode(bytes);
        Assert.Equal(cardEvent.GetType(), decoded.GetType());
        Assert.Equal(bytes, Encode(decoded));
        if (cardEvent is not (BalanceTransferredOut or TransferReceived))
        {
            Assert.Equal(cardEvent, decoded);
        }
    }

    [Fact]
    public void Every_tag_is_covered()
    {
        var tags = EveryEvent().Select(row => Encode((CardEvent)row[0])[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<CardEventTag>().Select(t => (byte)t).ToHashSet(), tags);
    }

    private static byte[] Encode(CardEvent cardEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(cardEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
