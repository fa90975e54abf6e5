using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>The normal path of every card operation.</summary>
public sealed class CardOperationTests
{
    [Fact]
    public void Issue_with_a_denomination_then_activate()
    {
        var card = new CardHarness();
        var issued = card.Issue(initialLoadFen: 10_000);
        Assert.True(issued.IsApproved);
        Assert.Equal(10_000, issued.MainBalance);
        Assert.Equal(CardStatus.Issued, card.State.Status);
        Assert.Equal(CardHarness.Number, card.State.CardNumber);
        Assert.Null(card.State.ExpiresAt);

        Assert.True(card.Reply(new ActivateCard()).IsApproved);
        Assert.Equal(CardStatus.Active, card.State.Status);
        Assert.Equal(CardHarness.Start.AddMonths(24), card.State.ExpiresAt);
        Assert.Equal(card.State.ExpiresAt, card.State.ActivatedAt!.Value.AddMonths(24));
    }

    [Fact]
    public void Top_up_respects_the_cap()
    {
        var card = new CardHarness().Ready(0);
        Assert.Equal(500_000, card.TopUp(500_000).MainBalance);
        var over = card.TopUp(1);
        Assert.Equal(ResponseCode.ExceedsAmountLimit, over.Code);
        Assert.Equal("balanceCap: the load would exceed the cap", over.Detail);
        Assert.Equal(500_000, card.State.MainBalance);
    }

    [Fact]
    public void Purchase_debits_and_replies_with_balances_and_an_approval_code()
    {
        var card = new CardHarness().Ready(10_000);
        var (tx, reply) = card.Purchase(2_550);
        Assert.True(reply.IsApproved);
        Assert.Equal(2_550, reply.ApprovedAmount);
        Assert.Equal(2_550, reply.CapturedAmount);
        Assert.Equal(7_450, reply.MainBalance);
        Assert.Equal(7_450, reply.Available);
        Assert.Equal(ApprovalCode.For(tx), reply.ApprovalCode);
        Assert.Equal(7_450, card.State.MainBalance);
        Assert.Single(card.State.Sales.ToArray());
    }

    [Fact]
    public void Authorize_holds_and_capture_takes_part_releasing_the_rest()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, authorized) = card.Authorize(3_000);
        Assert.True(authorized.IsApproved);
        Assert.Equal(10_000, authorized.MainBalance);
        Assert.Equal(7_000, authorized.Available);
        Assert.Equal(3_000, card.State.MainHeld);
        Assert.Equal(CardHarness.Start + TimeSpan.FromDays(7), card.State.NextDeadline);

        var captured = card.Capture(hold, 2_000);
        Assert.True(captured.IsApproved);
        Assert.Equal(2_000, captured.CapturedAmount);
        Assert.Equal(8_000, captured.MainBalance);
        Assert.Equal(8_000, captured.Available);
        Assert.Equal(0, card.State.MainHeld);
        Assert.Empty(card.State.Holds.ToArray());
        Assert.Null(card.State.NextDeadline);
    }

    [Fact]
    public void Reversal_releases_a_hold_or_returns_a_purchase()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(3_000);
        var released = card.Reverse(hold);
        Assert.True(released.IsApproved);
        Assert.Equal(10_000, released.Available);

        var (sale, _) = card.Purchase(4_000);
        Assert.Equal(6_000, card.State.MainBalance);
        var returned = card.Reverse(sale);
        Assert.True(returned.IsApproved);
        Assert.Equal(10_000, returned.MainBalance);
        Assert.Equal(10_000, card.State.MainBalance);
    }

    [Fact]
    public void Reversal_by_original_key_finds_a_capture()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(3_000);
        var captureTx = card.NextTx();
        Assert.True(card.Reply(new Capture(captureTx, CardHarness.KeyFor(captureTx), hold, Money.Fen(3_000), CardHarness.Canteen)).IsApproved);
        var tx = card.NextTx();
        var reversed = card.Reply(new Reverse(tx, CardHarness.KeyFor(tx), TransactionId.None, CardHarness.KeyFor(captureTx)));
        Assert.True(reversed.IsApproved);
        Assert.Equal(3_000, reversed.ApprovedAmount);
        Assert.Equal(10_000, card.State.MainBalance);
    }

    [Fact]
    public void Refunds_never_exceed_the_sale()
    {
        var card = new CardHarness().Ready(10_000);
        var (sale, _) = card.Purchase(5_000);
        var first = card.Refund(sale, 3_000);
        Assert.True(first.IsApproved);
        Assert.Equal(3_000, first.RefundedAmount);
        Assert.Equal(8_000, first.MainBalance);
        var tooMuch = card.Refund(sale, 2_001);
        Assert.Equal(ResponseCode.InvalidAmount, tooMuch.Code);
        Assert.Equal(DeclineReason.RefundExceedsSale, tooMuch.Reason);
        Assert.True(card.Refund(sale, 2_000).IsApproved);
        Assert.Equal(10_000, card.State.MainBalance);
    }

    [Fact]
    public void Refund_outside_the_window_is_refused()
    {
        var card = new CardHarness().Ready(10_000);
        var (sale, _) = card.Purchase(5_000);
        card.Now += TimeSpan.FromDays(30);
        var late = card.Refund(sale, 1_000);
        Assert.Equal(ResponseCode.InvalidTransaction, late.Code);
        Assert.Equal(DeclineReason.SaleNotFound, late.Reason);
    }

    [Fact]
    public void A_reversal_after_the_refund_window_leaves_the_sale_alone()
    {
        var card = new CardHarness().Ready(10_000);
        var (sale, _) = card.Purchase(4_000);
        card.Now += TimeSpan.FromDays(30);
        var reversed = card.Reverse(sale);
        Assert.True(reversed.IsApproved);
        Assert.Equal(0, reversed.ApprovedAmount);
        Assert.Equal(6_000, card.State.MainBalance);
        Assert.Empty(card.State.Sales.ToArray());
    }

    [Fact]
    public void Expired_holds_are_released_by_the_wake_up()
    {
        var card = new CardHarness().Ready(10_000);
        card.Authorize(3_000);
        card.Now = card.State.NextDeadline!.Value;
        var decision = card.Send(new ExpireHolds());
        Assert.Equal(1, decision.EventCount);
        Assert.IsType<HoldExpired>(decision[0]);
        Assert.Equal(10_000, card.State.Available);
        Assert.Null(card.State.NextDeadline);
    }

    [Fact]
    public void A_hold_past_its_expiry_cannot_be_captured()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(3_000);
        card.Now += TimeSpan.FromDays(7);
        Assert.Equal(DeclineReason.HoldNotFound, card.Capture(hold, 3_000).Reason);
    }

    [Fact]
    public void Inquiry_reports_balances_without_events()
    {
        var card = new CardHarness().Ready(10_000);
        card.Authorize(1_000);
        var journal = card.Journal.Count;
        var decision = card.Send(new InquireBalance());
        Assert.Equal(0, decision.EventCount);
        Assert.Equal(journal, card.Journal.Count);
        Assert.Equal(10_000, decision.Reply.MainBalance);
        Assert.Equal(9_000, decision.Reply.Available);
    }

    [Fact]
    public void Freeze_unfreeze_and_report_lost()
    {
        var card = new CardHarness().Ready(10_000);
        Assert.True(card.Reply(new Freeze()).IsApproved);
        Assert.Equal(ResponseCode.RestrictedCard, card.Purchase(100).Reply.Code);
        Assert.True(card.Reply(new Freeze()).IsApproved);
        Assert.True(card.Reply(new Unfreeze()).IsApproved);
        Assert.True(card.Purchase(100).Reply.IsApproved);
        Assert.True(card.Reply(new ReportLost()).IsApproved);
        Assert.Equal(CardStatus.Lost, card.State.Status);
        Assert.Equal(ResponseCode.LostCard, card.Purchase(100).Reply.Code);
        Assert.Equal(ResponseCode.LostCard, card.Reply(new Unfreeze()).Code);
    }

    [Fact]
    public void Anonymous_cards_cannot_be_reported_lost()
    {
        var product = CardHarness.DefaultProduct();
        var card = new CardHarness(new CardProduct { Id = product.Id, Name = "Gift", Identity = CardholderIdentity.Anonymous });
        Assert.True(card.Issue(holder: HolderId.Anonymous).IsApproved);
        var reply = card.Reply(new ReportLost());
        Assert.Equal(ResponseCode.InvalidTransaction, reply.Code);
        Assert.Equal("reportLost: real-name cards only", reply.Detail);
    }

    [Fact]
    public void Expired_cards_decline_54_and_can_be_extended_for_a_fee()
    {
        var product = CardHarness.DefaultProduct();
        var card = new CardHarness(new CardProduct
        {
            Id = product.Id, Name = product.Name, Identity = CardholderIdentity.RealName, ValidityMonths = 12,
            Extension = new ExtensionPolicy(6, Money.Yuan(5)),
        }).Ready(10_000);
        card.Now = card.State.ExpiresAt!.Value;
        Assert.Equal(CardStatus.Expired, card.State.StatusAt(card.Now));
        Assert.Equal(ResponseCode.ExpiredCard, card.Purchase(100).Reply.Code);
        var tx = card.NextTx();
        var extended = card.Reply(new Extend(tx, CardHarness.KeyFor(tx)));
        Assert.True(extended.IsApproved);
        Assert.Equal(500, extended.ApprovedAmount);
        Assert.Equal(9_500, card.State.MainBalance);
        Assert.Equal(card.Now.AddMonths(6), card.State.ExpiresAt);
        Assert.True(card.Purchase(100).Reply.IsApproved);
    }

    [Fact]
    public void Close_redeems_customer_money_and_forfeits_bonus()
    {
        var card = new CardHarness().Ready(10_000);
        card.Grant(2_000, TimeSpan.FromDays(30));
        var tx = card.NextTx();
        var decision = card.Send(new Close(tx, CardHarness.KeyFor(tx)));
        var closed = Assert.IsType<CardClosed>(decision[0]);
        Assert.Equal(10_000, closed.RedeemedMain);
        Assert.Equal(2_000, closed.ForfeitedBonus);
        Assert.Equal(10_000, decision.Reply.ApprovedAmount);
        Assert.Equal(CardStatus.Closed, card.State.Status);
        Assert.Equal(0, card.State.MainBalance + card.State.BonusBalance);
        Assert.Equal(ResponseCode.RestrictedCard, card.TopUp(100).Code);
    }

    [Fact]
    public void Dormancy_is_reported_after_the_product_months_without_use()
    {
        var product = CardHarness.DefaultProduct();
        var card = new CardHarness(new CardProduct { Id = product.Id, Name = product.Name, Identity = CardholderIdentity.RealName, DormancyMonths = 6 }).Ready(1_000);
        Assert.False(card.State.IsDormantAt(card.Now.AddMonths(6).AddDays(-1), card.Product));
        Assert.True(card.State.IsDormantAt(card.Now.AddMonths(6), card.Product));
    }

    [Fact]
    public void A_live_card_with_a_few_transactions_stays_small()
    {
        var card = new CardHarness().Ready(10_000);
        card.Purchase(100);
        card.Purchase(200);
        card.Authorize(300);
        var replayed = card.Replay();
        Assert.Equal(CardHarness.Snapshot(card.State), CardHarness.Snapshot(replayed));
        Assert.True(CardHarness.Snapshot(card.State).Length < 1024);
    }
}
