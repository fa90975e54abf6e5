using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Cards;

/// <summary>Refunds of sales that left the card's memory, decided on the journal's record of the sale.</summary>
public sealed class OlderSaleRefundTests
{
    /// <summary>A card that remembers 4 sales, with an old sale of 5,000 and 4 newer ones.</summary>
    private static (CardHarness Card, TransactionId Sale) CardWithAnOldSale()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(50_000);
        var (sale, _) = card.Purchase(5_000);
        for (var i = 0; i < 4; i++)
        {
            card.Now += TimeSpan.FromHours(1);
            card.Purchase(100);
        }
        Assert.True(card.State.FindSale(sale) < 0);
        return (card, sale);
    }

    private static Refund RefundOf(CardHarness card, TransactionId sale, long fen, OriginalSale? fact = null)
    {
        var tx = card.NextTx();
        return new Refund(tx, CardHarness.KeyFor(tx), sale, IdempotencyKey.None, Money.Fen(fen), CardHarness.Canteen, fact);
    }

    [Fact]
    public void Without_the_journal_fact_the_card_declines_and_persists_nothing()
    {
        var (card, sale) = CardWithAnOldSale();
        var refund = RefundOf(card, sale, 1_000);
        var first = card.Send(refund);
        Assert.Equal(ResponseCode.InvalidTransaction, first.Reply.Code);
        Assert.Equal(DeclineReason.SaleNotInMemory, first.Reply.Reason);
        Assert.Equal(0, first.EventCount);
        Assert.Equal(card.State.MainBalance, first.Reply.MainBalance);

        // The host's retry with the fact is decided afresh, not answered with a remembered decline.
        var fact = card.FindSaleInJournal(sale);
        Assert.Equal(new OriginalSale(sale, sale, 5_000, 0, default, CardHarness.CanteenId, CardHarness.Start, 0, 0), fact);
        var second = card.Send(refund with { Sale = fact });
        Assert.True(second.Reply.IsApproved);
        Assert.Equal(1_000, second.Reply.RefundedAmount);
        var refunded = Assert.IsType<Refunded>(second[0]);
        Assert.Equal(new OlderSaleRefund(sale, default, fact!.At, 0, 0), refunded.OlderSale);
        Assert.True(card.Reply(refund).Repeated);
    }

    [Fact]
    public void Partial_then_the_rest_then_one_more_is_refused()
    {
        var (card, sale) = CardWithAnOldSale();
        var balance = card.State.MainBalance;
        Assert.True(card.Refund(sale, 2_000).IsApproved);
        Assert.True(card.Refund(sale, 3_000).IsApproved);
        var more = card.Refund(sale, 1);
        Assert.Equal(ResponseCode.InvalidAmount, more.Code);
        Assert.Equal(DeclineReason.RefundExceedsSale, more.Reason);
        Assert.Equal(balance + 5_000, card.State.MainBalance);
        var returns = Assert.Single(card.State.ReturnsOfOlderSales.ToArray());
        Assert.Equal((sale, 5_000L, 0L), (returns.SaleId, returns.ReturnedMain, returns.ReturnedBonus));
    }

    [Fact]
    public void Two_refunds_back_to_back_on_the_same_stale_fact_never_exceed_the_sale()
    {
        var (card, sale) = CardWithAnOldSale();
        var fact = card.FindSaleInJournal(sale);
        Assert.True(card.Reply(RefundOf(card, sale, 3_000, fact)).IsApproved);
        // Read before the first refund was written: the journal's figure is behind, the card's is not.
        var second = card.Reply(RefundOf(card, sale, 3_000, fact));
        Assert.Equal(DeclineReason.RefundExceedsSale, second.Reason);
        Assert.True(card.Reply(RefundOf(card, sale, 2_000, fact)).IsApproved);
        Assert.Equal(DeclineReason.RefundExceedsSale, card.Reply(RefundOf(card, sale, 1, card.FindSaleInJournal(sale))).Reason);
    }

    [Fact]
    public void A_fact_for_a_sale_outside_the_refund_window_is_refused()
    {
        var (card, sale) = CardWithAnOldSale();
        card.Now = CardHarness.Start + card.Product.RefundWindow;
        var late = card.Send(RefundOf(card, sale, 100, card.FindSaleInJournal(sale)));
        Assert.Equal(DeclineReason.SaleNotFound, late.Reply.Reason);
        Assert.IsType<Declined>(late[0]);
        Assert.Equal(DeclineReason.SaleNotFound, card.Refund(sale, 100).Reason);
    }

    [Fact]
    public void A_fact_is_checked_for_the_merchant_and_must_name_the_refunded_sale()
    {
        var (card, sale) = CardWithAnOldSale();
        var fact = card.FindSaleInJournal(sale)!;
        Assert.Equal(DeclineReason.MerchantMismatch, card.Refund(sale, 100, CardHarness.Shop).Reason);
        Assert.Equal(DeclineReason.SaleNotInMemory, card.Reply(RefundOf(card, new TransactionId(0x5151), 100, fact)).Reason);
        Assert.Equal(DeclineReason.SaleNotInMemory, card.Reply(RefundOf(card, sale, 100, fact with { ReturnedMain = 6_000 })).Reason);
    }

    [Fact]
    public void What_went_back_while_the_sale_was_in_memory_follows_it_out()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(50_000);
        var (sale, _) = card.Purchase(5_000);
        var fact = card.FindSaleInJournal(sale);
        Assert.True(card.Refund(sale, 4_000).IsApproved);
        for (var i = 0; i < 4; i++)
        {
            card.Purchase(100);
        }
        Assert.Equal(4_000, Assert.Single(card.State.ReturnsOfOlderSales.ToArray()).ReturnedMain);
        // A fact read before the refund knows nothing of it; the card does.
        Assert.Equal(DeclineReason.RefundExceedsSale, card.Reply(RefundOf(card, sale, 1_001, fact)).Reason);
        Assert.True(card.Reply(RefundOf(card, sale, 1_000, fact)).IsApproved);
    }

    [Fact]
    public void A_sale_named_by_its_completion_gives_bonus_back_to_its_lot()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(1_000);
        card.Grant(2_000, TimeSpan.FromDays(20));
        var (hold, _) = card.Authorize(2_500);
        var captureTx = card.NextTx();
        Assert.True(card.Reply(new Capture(captureTx, CardHarness.KeyFor(captureTx), hold, Money.Fen(2_500), CardHarness.Canteen)).IsApproved);
        card.TopUp(10_000);
        for (var i = 0; i < 4; i++)
        {
            card.Purchase(100);
        }
        var fact = card.FindSaleInJournal(captureTx)!;
        Assert.Equal((hold, captureTx, 1_000L, 1_500L), (fact.Id, fact.CaptureId, fact.Main, fact.Bonus));
        var bonusBefore = card.State.BonusInLots;
        var refunded = card.Refund(captureTx, 1_600);
        Assert.True(refunded.IsApproved);
        Assert.Equal(bonusBefore + 600, card.State.BonusInLots);
        Assert.Equal(DeclineReason.RefundExceedsSale, card.Refund(hold, 901).Reason);
    }

    [Fact]
    public void A_refund_of_what_was_never_a_sale_is_declined_as_before()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(100);
        var refund = card.Send(RefundOf(card, hold, 100));
        Assert.Equal(DeclineReason.SaleNotFound, refund.Reply.Reason);
        Assert.IsType<Declined>(refund[0]);
        Assert.Equal(DeclineReason.SaleNotInMemory, card.Refund(new TransactionId(0x4242), 100).Reason);
    }

    [Fact]
    public void When_returns_of_older_sales_overflow_older_sales_are_no_longer_refunded_from_the_journal()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(100_000);
        var sales = new TransactionId[10];
        for (var i = 0; i < sales.Length; i++)
        {
            card.Now += TimeSpan.FromMinutes(1);
            sales[i] = card.Purchase(1_000).Tx;
        }
        for (var i = 0; i < 5; i++)
        {
            Assert.True(card.Refund(sales[i], 100).IsApproved);
        }
        // Five sales had refunds outside memory; four are remembered, the first is forgotten.
        Assert.Equal(sales[1..5], card.State.ReturnsOfOlderSales.ToArray().Select(r => r.SaleId));
        Assert.NotNull(card.State.ReturnsForgottenUntil);
        Assert.Equal(DeclineReason.SaleReturnsForgotten, card.Refund(sales[0], 100).Reason);
        Assert.True(card.Refund(sales[1], 100).IsApproved);
        Assert.True(card.Refund(sales[5], 100).IsApproved);
    }
}
