using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>What a card remembers is bounded by count: the oldest goes first, and the limits are the card's own.</summary>
public sealed class CardMemoryTests
{
    [Fact]
    public void The_limits_are_copied_at_issue_and_a_revision_does_not_change_them()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 8, saleMemory: 6, maxOpenHolds: 2)).Ready(50_000);
        Assert.Equal(new CardMemoryLimits(8, 6, 2), card.State.Memory);

        card.Product = CardHarness.DefaultProduct(maxOpenHolds: 5);
        Assert.True(card.Authorize(100).Reply.IsApproved);
        Assert.True(card.Authorize(100).Reply.IsApproved);
        Assert.Equal(DeclineReason.TooManyOpenHolds, card.Authorize(100).Reply.Reason);
        Assert.Equal(new CardMemoryLimits(8, 6, 2), card.Replay().Memory);
    }

    [Fact]
    public void Memory_stays_at_its_limits_however_many_transactions_pass()
    {
        var card = new CardHarness().Ready(400_000);
        var sizes = new List<int>();
        for (var i = 1; i <= 1_000; i++)
        {
            Assert.True(card.Purchase(10).Reply.IsApproved);
            if (i is 100 or 1_000)
            {
                Assert.Equal(32, card.State.RecentTransactions.Length);
                Assert.Equal(32, card.State.Sales.Length);
                sizes.Add(CardHarness.Snapshot(card.State).Length);
            }
        }
        // Same lists, same lengths: the work of a purchase does not depend on how many came before.
        Assert.Equal(sizes[0], sizes[1]);
        Assert.True(card.Replay().Sales.ToArray().AsSpan().SequenceEqual(card.State.Sales.ToArray()));
    }

    [Fact]
    public void The_oldest_sale_and_transaction_are_forgotten_first()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 4, saleMemory: 5)).Ready(10_000);
        var sales = Enumerable.Range(0, 7).Select(_ => card.Purchase(100).Tx).ToArray();
        Assert.Equal(sales[2..], card.State.Sales.ToArray().Select(s => s.Id));
        Assert.Equal(sales[3..], card.State.RecentTransactions.ToArray().Select(r => r.Id));
    }

    [Fact]
    public void A_retransmission_is_recognized_only_while_remembered()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 4, saleMemory: 8)).Ready(10_000);
        var first = card.Purchase(100);
        var repeat = new Purchase(first.Tx, CardHarness.KeyFor(first.Tx), Money.Fen(100), CardHarness.Canteen);
        Assert.True(card.Reply(repeat).Repeated);
        for (var i = 0; i < 4; i++)
        {
            card.TopUp(10);
        }
        // The key is forgotten but the sale is not: its id is still in use.
        var again = card.Reply(repeat);
        Assert.Equal(ResponseCode.DuplicateTransmission, again.Code);
        Assert.Equal(9_900 + 40, card.State.MainBalance);
    }

    [Fact]
    public void Open_holds_are_limited_and_every_way_of_closing_one_frees_a_slot()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(maxOpenHolds: 3)).Ready(10_000);
        var holds = Enumerable.Range(0, 3).Select(_ => card.Authorize(100).Tx).ToArray();
        var (_, refused) = card.Authorize(100);
        Assert.Equal(ResponseCode.ExceedsFrequencyLimit, refused.Code);
        Assert.Equal(DeclineReason.TooManyOpenHolds, refused.Reason);
        Assert.True(card.Purchase(100).Reply.IsApproved);

        Assert.True(card.Capture(holds[0], 100).IsApproved);
        Assert.True(card.Authorize(100).Reply.IsApproved);
        Assert.True(card.Reverse(holds[1]).IsApproved);
        Assert.True(card.Authorize(100).Reply.IsApproved);
        Assert.Equal(DeclineReason.TooManyOpenHolds, card.Authorize(100).Reply.Reason);

        card.Now += card.Product.HoldExpiry;
        Assert.True(card.Reply(new ExpireHolds()).IsApproved);
        Assert.Empty(card.State.Holds.ToArray());
        Assert.True(card.Authorize(100).Reply.IsApproved);
    }

    [Fact]
    public void Bonus_lots_are_limited_until_some_expire()
    {
        var card = new CardHarness().Ready(0);
        for (var i = 0; i < CardState.MaxBonusLots; i++)
        {
            Assert.True(card.Grant(10, TimeSpan.FromDays(1 + (i % 2))).IsApproved);
        }
        var refused = card.Grant(10, TimeSpan.FromDays(5));
        Assert.Equal(ResponseCode.ExceedsFrequencyLimit, refused.Code);
        Assert.Equal(DeclineReason.TooManyBonusLots, refused.Reason);

        card.Now += TimeSpan.FromDays(1);
        card.Reply(new ExpireHolds());
        Assert.Equal(CardState.MaxBonusLots / 2, card.State.BonusLots.Length);
        Assert.True(card.Grant(10, TimeSpan.FromDays(5)).IsApproved);
    }

    [Fact]
    public void Received_transfers_are_limited_and_a_redelivery_is_still_approved()
    {
        var card = new CardHarness().Ready(0);
        var from = CardNumberGenerator.Sequential("622849", 16);
        ReceiveTransfer Transfer(ulong id) => new(new TransactionId(id), CardHarness.Number, from.ForSequence(id), card.Product.Id, new HolderId(42), null, 100, []);
        for (ulong id = 1; id <= CardState.MaxReceivedTransfers; id++)
        {
            Assert.True(card.Reply(Transfer(id)).IsApproved);
        }
        var refused = card.Send(Transfer(99));
        Assert.Equal(0, refused.EventCount);
        Assert.Equal(DeclineReason.TooManyTransfers, refused.Reply.Reason);
        Assert.True(card.Reply(Transfer(1)).IsApproved);
        Assert.Equal(CardState.MaxReceivedTransfers * 100, card.State.MainBalance);
    }

    [Fact]
    public void An_original_is_declined_only_while_its_reversal_is_remembered()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 4)).Ready(10_000);
        var originals = Enumerable.Range(1, 5).Select(i => new TransactionId(0x7000 + (ulong)i)).ToArray();
        foreach (var original in originals)
        {
            Assert.True(card.Reverse(original).IsApproved);
        }
        Assert.Equal(4, card.State.AwaitedOriginals.Length);
        Purchase Late(TransactionId tx) => new(tx, CardHarness.KeyFor(tx), Money.Fen(100), CardHarness.Canteen);
        Assert.Equal(DeclineReason.OriginalReversed, card.Reply(Late(originals[4])).Reason);
        // The first reversal was pushed out: its original arrives as a new transaction.
        Assert.True(card.Reply(Late(originals[0])).IsApproved);
    }

    [Fact]
    public void A_reversal_of_a_sale_no_longer_in_memory_is_declined_and_nothing_moves()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 16, saleMemory: 4)).Ready(10_000);
        var (first, _) = card.Purchase(1_000);
        for (var i = 0; i < 4; i++)
        {
            card.Purchase(100);
        }
        var reversed = card.Reverse(first);
        Assert.Equal(ResponseCode.InvalidTransaction, reversed.Code);
        Assert.Equal(DeclineReason.SaleNotInMemory, reversed.Reason);
        Assert.Equal(8_600, card.State.MainBalance);
    }
}
