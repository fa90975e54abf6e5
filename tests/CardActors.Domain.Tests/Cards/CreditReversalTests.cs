using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Cards;

/// <summary>Reversals of credits: a top-up or a refund is taken back from the purses it went to, once.</summary>
public sealed class CreditReversalTests
{
    private static CardEvent OnlyEvent(CardDecision decision)
    {
        Assert.Equal(1, decision.EventCount);
        return decision[0];
    }

    [Fact]
    public void A_reversal_of_a_top_up_takes_the_load_back()
    {
        var card = new CardHarness().Ready(5_000);
        var load = card.TopUp(3_000).TransactionId;
        var reversal = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(1, 1), load, IdempotencyKey.None));
        Assert.True(reversal.Reply.IsApproved);
        Assert.Equal((3_000L, 5_000L, 5_000L), (reversal.Reply.ApprovedAmount, reversal.Reply.MainBalance, reversal.Reply.Available));
        var reversed = Assert.IsType<CreditReversed>(OnlyEvent(reversal));
        Assert.Equal((load, TransactionId.None, 3_000L, 0L), (reversed.CreditId, reversed.SaleId, reversed.Main, reversed.Bonus));
        Assert.Equal(5_000, card.State.MainBalance);
        Assert.True(card.State.Credits[card.State.FindCredit(load)].Reversed);
        Assert.Equal(CardHarness.Snapshot(card.State), CardHarness.Snapshot(card.Replay()));
    }

    [Fact]
    public void A_second_reversal_of_the_same_credit_moves_nothing_and_a_repeat_gets_the_first_reply()
    {
        var card = new CardHarness().Ready(5_000);
        var load = card.TopUp(3_000).TransactionId;
        var tx = card.NextTx();
        var first = card.Reply(new Reverse(tx, CardHarness.KeyFor(tx), load, IdempotencyKey.None));
        Assert.True(first.IsApproved);

        var repeat = card.Send(new Reverse(tx, CardHarness.KeyFor(tx), load, IdempotencyKey.None));
        Assert.Equal(first with { Repeated = true }, repeat.Reply);
        Assert.Equal(0, repeat.EventCount);

        var second = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(2, 2), load, IdempotencyKey.None));
        Assert.True(second.Reply.IsApproved);
        Assert.Equal(0, second.Reply.ApprovedAmount);
        Assert.IsType<ReversalRecorded>(OnlyEvent(second));
        Assert.Equal(5_000, card.State.MainBalance);
    }

    [Fact]
    public void A_top_up_whose_money_was_spent_or_held_is_declined_51_until_it_is_there_again()
    {
        var card = new CardHarness().Ready(1_000);
        var load = card.TopUp(3_000).TransactionId;
        var (hold, _) = card.Authorize(3_500);
        var held = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(3, 1), load, IdempotencyKey.None));
        Assert.Equal((ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds), (held.Reply.Code, held.Reply.Reason));
        Assert.IsType<Declined>(OnlyEvent(held));
        Assert.Equal((4_000L, 500L), (card.State.MainBalance, card.State.Available));

        Assert.True(card.Reverse(hold).IsApproved);
        var reversal = card.Reverse(load);
        Assert.True(reversal.IsApproved);
        Assert.Equal(1_000, card.State.MainBalance);
    }

    [Fact]
    public void A_reversal_of_a_refund_takes_main_and_bonus_back_and_the_sale_can_be_refunded_again()
    {
        var card = new CardHarness().Ready(1_000);
        card.Grant(500, TimeSpan.FromDays(30));
        var (sale, _) = card.Purchase(1_200);
        Assert.Equal((0L, 300L), (card.State.MainBalance, card.State.BonusBalance));
        var refund = card.Refund(sale, 1_200).TransactionId;
        Assert.Equal((1_000L, 500L), (card.State.MainBalance, card.State.BonusBalance));

        var reversal = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(4, 1), refund, IdempotencyKey.None));
        Assert.True(reversal.Reply.IsApproved);
        var reversed = Assert.IsType<CreditReversed>(OnlyEvent(reversal));
        Assert.Equal((sale, 1_000L, 200L, CardHarness.CanteenId), (reversed.SaleId, reversed.Main, reversed.Bonus, reversed.Merchant));
        Assert.Equal((0L, 300L, 300L), (card.State.MainBalance, card.State.BonusBalance, card.State.Available));
        var record = card.State.Sales[card.State.FindSale(sale)];
        Assert.Equal((0L, 0L), (record.RefundedMain, record.RefundedBonus));

        Assert.True(card.Refund(sale, 1_200).IsApproved);
        Assert.Equal((1_000L, 500L), (card.State.MainBalance, card.State.BonusBalance));
        Assert.Equal(CardHarness.Snapshot(card.State), CardHarness.Snapshot(card.Replay()));
    }

    [Fact]
    public void A_refund_whose_bonus_lot_has_expired_since_takes_back_only_the_main_part()
    {
        var card = new CardHarness().Ready(1_000);
        card.Grant(500, TimeSpan.FromHours(2));
        var (sale, _) = card.Purchase(1_200);
        var refund = card.Refund(sale, 1_200).TransactionId;
        card.Now += TimeSpan.FromHours(3);
        Assert.True(card.Reply(new ExpireHolds()).IsApproved);
        Assert.Equal((1_000L, 0L), (card.State.MainBalance, card.State.BonusBalance));

        var reversal = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(5, 1), refund, IdempotencyKey.None));
        var reversed = Assert.IsType<CreditReversed>(OnlyEvent(reversal));
        Assert.Equal((1_000L, 0L), (reversed.Main, reversed.Bonus));
        Assert.Equal(0, card.State.MainBalance);
        // The forfeited bonus still counts as gone back: the sale can be refunded only its main part again.
        var record = card.State.Sales[card.State.FindSale(sale)];
        Assert.Equal(1_000, record.Refundable);
    }

    [Fact]
    public void A_reversal_of_a_refund_of_a_sale_outside_memory_lowers_what_the_card_and_the_journal_count_as_returned()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(50_000);
        var (sale, _) = card.Purchase(5_000);
        for (var i = 0; i < 4; i++)
        {
            card.Purchase(100);
        }
        var refund = card.Refund(sale, 2_000).TransactionId;
        Assert.Equal(2_000, card.State.ReturnsOfOlderSales[card.State.FindOlderSaleReturns(sale)].ReturnedMain);

        Assert.True(card.Reverse(refund).IsApproved);
        Assert.Equal(0, card.State.ReturnsOfOlderSales[card.State.FindOlderSaleReturns(sale)].ReturnedMain);
        Assert.Equal(0, card.FindSaleInJournal(sale)!.ReturnedMain);
        Assert.True(card.Refund(sale, 5_000).IsApproved);
        Assert.Equal(DeclineReason.RefundExceedsSale, card.Refund(sale, 1).Reason);
    }

    [Fact]
    public void A_credit_past_the_idempotency_window_is_forgotten_and_its_reversal_awaits_it_like_an_unseen_original()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 4)).Ready(1_000);
        var load = card.TopUp(3_000).TransactionId;
        card.Now += TimeSpan.FromDays(2); // past the idempotency window: forgotten altogether
        var forgotten = card.Send(new Reverse(card.NextTx(), new IdempotencyKey(6, 1), load, IdempotencyKey.None));
        Assert.True(forgotten.Reply.IsApproved);
        Assert.True(Assert.IsType<ReversalRecorded>(OnlyEvent(forgotten)).AwaitingOriginal);
        Assert.Equal(4_000, card.State.MainBalance);
    }

    [Fact]
    public void A_closed_card_declines_a_credit_reversal_62()
    {
        var card = new CardHarness().Ready(1_000);
        var load = card.TopUp(3_000).TransactionId;
        var tx = card.NextTx();
        Assert.True(card.Reply(new Close(tx, CardHarness.KeyFor(tx))).IsApproved);
        var reversal = card.Reverse(load);
        Assert.Equal((ResponseCode.RestrictedCard, DeclineReason.CardClosed), (reversal.Code, reversal.Reason));
    }
}
