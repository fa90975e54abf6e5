using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

public sealed class CardBonusTests
{
    private static CardProduct BonusFirst() => new()
    {
        Id = new ProductId(7),
        Name = "Campus card",
        Identity = CardholderIdentity.RealName,
        SpendingOrder = SpendingOrder.BonusFirst,
    };

    [Fact]
    public void Main_first_spends_bonus_only_for_the_shortfall()
    {
        var card = new CardHarness().Ready(1_000);
        card.Grant(500, TimeSpan.FromDays(30));
        var (_, reply) = card.Purchase(1_200);
        Assert.True(reply.IsApproved);
        Assert.Equal(0, reply.MainBalance);
        Assert.Equal(300, reply.BonusBalance);
        Assert.Equal(300, reply.Available);
    }

    [Fact]
    public void Bonus_first_spends_the_bonus_lot_first()
    {
        var card = new CardHarness(BonusFirst()).Ready(1_000);
        card.Grant(500, TimeSpan.FromDays(30));
        var (_, reply) = card.Purchase(700);
        Assert.Equal(800, reply.MainBalance);
        Assert.Equal(0, reply.BonusBalance);
    }

    [Fact]
    public void A_scoped_lot_pays_only_inside_its_scope()
    {
        var card = new CardHarness(BonusFirst()).Ready(1_000);
        card.Grant(500, TimeSpan.FromDays(30), CardHarness.ScopeOf(new ProjectId(1)));
        var (_, atShop) = card.Purchase(300, CardHarness.Shop);
        Assert.Equal(700, atShop.MainBalance);
        Assert.Equal(500, atShop.BonusBalance);
        var (_, atCanteen) = card.Purchase(300, CardHarness.Canteen);
        Assert.Equal(700, atCanteen.MainBalance);
        Assert.Equal(200, atCanteen.BonusBalance);
        Assert.Equal(ResponseCode.InsufficientFunds, card.Purchase(701, CardHarness.Shop).Reply.Code);
    }

    [Fact]
    public void Expired_lots_do_not_pay_and_are_forfeited_at_the_wake_up()
    {
        var card = new CardHarness().Ready(0);
        card.Grant(500, TimeSpan.FromDays(1));
        Assert.Equal(card.Now + TimeSpan.FromDays(1), card.State.NextDeadline);
        card.Now += TimeSpan.FromDays(1);
        Assert.Equal(ResponseCode.InsufficientFunds, card.Purchase(100).Reply.Code);
        Assert.Equal(0, card.Reply(new InquireBalance()).Available);
        var decision = card.Send(new ExpireHolds());
        var expired = Assert.IsType<BonusExpired>(decision[0]);
        Assert.Equal(500, expired.Amount);
        Assert.Equal(0, card.State.BonusBalance);
        Assert.Null(card.State.NextDeadline);
    }

    [Fact]
    public void A_released_hold_returns_bonus_to_its_lot_or_forfeits_it_when_the_lot_is_gone()
    {
        var card = new CardHarness(BonusFirst()).Ready(0);
        card.Grant(500, TimeSpan.FromDays(1));
        var (hold, _) = card.Authorize(400);
        Assert.Equal(400, card.State.BonusHeld);
        Assert.Equal(100, card.State.BonusInLots);
        card.Now += TimeSpan.FromDays(1);
        // The lot's expiry and the hold's release are handled in one wake-up: the returned bonus expires with its lot.
        card.Now += TimeSpan.FromDays(6);
        var decision = card.Send(new ExpireHolds());
        Assert.Equal(2, decision.EventCount);
        var released = Assert.IsType<HoldExpired>(decision[0]);
        Assert.Equal(400, released.ReturnedBonus);
        Assert.Equal(500, Assert.IsType<BonusExpired>(decision[1]).Amount);
        Assert.Equal(0, card.State.BonusBalance);
        Assert.Equal(hold, released.HoldId);
    }

    [Fact]
    public void Partial_capture_of_a_bonus_first_hold_uses_bonus_first()
    {
        var card = new CardHarness(BonusFirst()).Ready(1_000);
        card.Grant(300, TimeSpan.FromDays(30));
        var (hold, _) = card.Authorize(800);
        // The hold took 300 bonus + 500 main; capturing 400 takes the 300 bonus and 100 main.
        var captured = card.Capture(hold, 400);
        Assert.Equal(900, captured.MainBalance);
        Assert.Equal(0, captured.BonusBalance);
        Assert.Equal(900, captured.Available);
    }

    [Fact]
    public void Refunds_return_customer_money_first()
    {
        var card = new CardHarness(BonusFirst()).Ready(1_000);
        card.Grant(300, TimeSpan.FromDays(30));
        var (sale, _) = card.Purchase(800);
        var refunded = card.Refund(sale, 600);
        Assert.Equal(1_000, refunded.MainBalance);
        Assert.Equal(100, refunded.BonusBalance);
    }

    [Fact]
    public void A_grant_must_expire_in_the_future()
    {
        var card = new CardHarness().Ready(0);
        var tx = card.NextTx();
        var reply = card.Reply(new GrantBonus(tx, CardHarness.KeyFor(tx), Money.Fen(100), card.Now, null));
        Assert.Equal(DeclineReason.BonusExpiryPast, reply.Reason);
    }
}
