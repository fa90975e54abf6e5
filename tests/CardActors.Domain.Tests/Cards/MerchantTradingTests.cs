using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// The card declines new spends, counter loads and refunds at a merchant that does not trade — after
/// it has answered repeats, and without remembering the decline — and honours completions there.
/// </summary>
public sealed class MerchantTradingTests
{
    private static MerchantFacts Suspended => CardHarness.Canteen with { Status = MerchantStatus.Suspended };

    private static MerchantFacts Closed => CardHarness.Canteen with { Status = MerchantStatus.Closed };

    public static TheoryData<string> Statuses => new() { "suspended", "closed" };

    private static MerchantFacts At(string status) => status == "closed" ? Closed : Suspended;

    [Theory]
    [MemberData(nameof(Statuses))]
    public void New_spends_loads_and_refunds_are_declined_05_and_nothing_is_persisted(string status)
    {
        var card = new CardHarness().Ready(10_000);
        var (sale, _) = card.Purchase(1_000);
        var merchant = At(status);
        var journal = card.Journal.Count;
        CardCommand[] commands =
        [
            new Purchase(card.NextTx(), new IdempotencyKey(7, 1), Money.Fen(100), merchant),
            new Authorize(card.NextTx(), new IdempotencyKey(7, 2), Money.Fen(100), merchant),
            new Refund(card.NextTx(), new IdempotencyKey(7, 3), sale, IdempotencyKey.None, Money.Fen(100), merchant),
            new TopUp(card.NextTx(), new IdempotencyKey(7, 4), Money.Fen(100), TopUpChannel.Counter, merchant),
        ];
        foreach (var command in commands)
        {
            var decision = card.Send(command);
            Assert.Equal((ResponseCode.DoNotHonor, DeclineReason.MerchantNotTrading), (decision.Reply.Code, decision.Reply.Reason));
            Assert.Equal(0, decision.EventCount);
            Assert.Equal("merchantId: not trading (suspended or closed)", decision.Reply.Detail);
            Assert.Equal(9_000, decision.Reply.MainBalance);
        }
        Assert.Equal(journal, card.Journal.Count);
    }

    [Fact]
    public void A_repeat_of_a_purchase_approved_before_the_suspension_gets_its_approval()
    {
        var card = new CardHarness().Ready(10_000);
        var tx = card.NextTx();
        var first = card.Reply(new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(1_200), CardHarness.Canteen));
        var again = card.Send(new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(1_200), Suspended));
        Assert.Equal(first with { Repeated = true }, again.Reply);
        Assert.Equal(0, again.EventCount);
        Assert.Equal(8_800, card.State.MainBalance);
    }

    [Fact]
    public void A_request_declined_at_a_suspended_merchant_is_decided_afresh_once_it_trades_again()
    {
        var card = new CardHarness().Ready(10_000);
        var tx = card.NextTx();
        Assert.Equal(DeclineReason.MerchantNotTrading, card.Reply(new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(500), Suspended)).Reason);
        var retry = card.Reply(new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(500), CardHarness.Canteen));
        Assert.True(retry.IsApproved);
        Assert.False(retry.Repeated);
        Assert.Equal(9_500, card.State.MainBalance);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_completion_and_a_reversal_are_honoured_at_a_merchant_that_stopped_trading(string status)
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(2_000);
        var (other, _) = card.Authorize(1_000);
        Assert.True(card.Capture(hold, 2_000, At(status)).IsApproved);
        Assert.True(card.Reverse(other).IsApproved);
        Assert.Equal((8_000L, 8_000L), (card.State.MainBalance, card.State.Available));
    }

    [Fact]
    public void Facts_without_a_status_and_loads_without_a_merchant_count_as_trading()
    {
        var card = new CardHarness().Ready(1_000);
        Assert.True(default(MerchantFacts).IsTrading);
        Assert.True(card.Purchase(100, CardHarness.Canteen with { Status = MerchantStatus.None }).Reply.IsApproved);
        Assert.True(card.TopUp(100).IsApproved);
        Assert.Equal(1_000, card.State.MainBalance);
    }
}
