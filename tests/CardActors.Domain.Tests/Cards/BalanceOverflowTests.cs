using System.Collections.Immutable;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Credits that would take a card's money past what a 64-bit count of minor units holds are declined
/// (61), never a failure inside the card: loads under a cap at the maximum, bonus grants, money coming
/// back and transfers in.
/// </summary>
public sealed class BalanceOverflowTests
{
    private const long NearlyAll = long.MaxValue - 1_000;

    private static CardHarness CardAtTheTop(long bonus = 0)
    {
        var product = CardHarness.DefaultProduct();
        var card = new CardHarness(new CardProduct
        {
            Id = product.Id,
            Name = product.Name,
            Identity = product.Identity,
            BalanceCap = Money.Fen(long.MaxValue),
        }).Ready(0);
        if (bonus > 0)
        {
            Assert.True(card.Grant(bonus, TimeSpan.FromDays(10)).IsApproved);
        }
        Assert.True(card.TopUp(NearlyAll - bonus).IsApproved);
        return card;
    }

    [Fact]
    public void A_load_past_a_cap_at_the_maximum_is_declined_61_by_the_cap()
    {
        var card = CardAtTheTop();
        var reply = card.TopUp(NearlyAll);
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceCap), (reply.Code, reply.Reason));
        Assert.Equal(DeclineReason.BalanceCap, card.TopUp(1_001).Reason);
        Assert.True(card.TopUp(1_000).IsApproved);
        Assert.Equal(long.MaxValue, card.State.MainBalance);
    }

    [Fact]
    public void A_load_that_fits_the_cap_but_not_beside_the_bonus_is_declined_61()
    {
        var card = CardAtTheTop(bonus: 500);
        var reply = card.TopUp(1_001); // 1,500 left under the cap, 1,000 beside the bonus
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow), (reply.Code, reply.Reason));
        Assert.Equal(DeclineReason.BalanceOverflow, card.Grant(1_001, TimeSpan.FromDays(1)).Reason);
        Assert.True(card.TopUp(1_000).IsApproved);
    }

    [Fact]
    public void Money_coming_back_past_the_maximum_is_declined_61()
    {
        var card = CardAtTheTop();
        var (sale, _) = card.Purchase(5_000);
        Assert.True(card.TopUp(5_000).IsApproved);
        var refund = card.Refund(sale, 2_000);
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow), (refund.Code, refund.Reason));
        var reversal = card.Reverse(sale);
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow), (reversal.Code, reversal.Reason));
        Assert.Equal(long.MaxValue - 1_000, card.State.MainBalance);
    }

    [Fact]
    public void A_transfer_past_the_maximum_is_refused_without_an_event()
    {
        var card = CardAtTheTop();
        var lots = ImmutableArray.Create(new BonusLot(new TransactionId(1UL << 50), long.MaxValue, card.Now.AddDays(5), null), new BonusLot(new TransactionId((1UL << 50) + 1), 10, card.Now.AddDays(5), null));
        var from = CardNumber.Parse("4111111111111111");
        foreach (var transfer in new[]
        {
            new ReceiveTransfer(new TransactionId(1UL << 51), CardHarness.Number, from, card.Product.Id, new HolderId(42), null, 1_001, []),
            new ReceiveTransfer(new TransactionId((1UL << 51) + 1), CardHarness.Number, from, card.Product.Id, new HolderId(42), null, 0, lots),
        })
        {
            var decision = card.Send(transfer);
            Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow), (decision.Reply.Code, decision.Reply.Reason));
            Assert.Equal(0, decision.EventCount);
        }
        Assert.True(card.Reply(new ReceiveTransfer(new TransactionId((1UL << 51) + 2), CardHarness.Number, from, card.Product.Id, new HolderId(42), null, 1_000, [])).IsApproved);
    }
}
