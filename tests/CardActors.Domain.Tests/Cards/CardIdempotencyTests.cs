using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Cards;

public sealed class CardIdempotencyTests
{
    [Fact]
    public void A_repeat_returns_the_first_reply_and_moves_nothing()
    {
        var card = new CardHarness().Ready(10_000);
        var tx = card.NextTx();
        var purchase = new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(1_000), CardHarness.Canteen);
        var first = card.Reply(purchase);
        card.Purchase(500);
        var journal = card.Journal.Count;
        var decision = card.Send(purchase);
        Assert.Equal(0, decision.EventCount);
        Assert.Equal(journal, card.Journal.Count);
        Assert.Equal(first with { Repeated = true }, decision.Reply);
        Assert.Equal(8_500, card.State.MainBalance);
    }

    [Fact]
    public void A_repeat_of_a_decline_returns_the_decline_even_after_the_card_changed()
    {
        var card = new CardHarness().Ready(500);
        var tx = card.NextTx();
        var purchase = new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(1_000), CardHarness.Canteen);
        var first = card.Reply(purchase);
        Assert.Equal(ResponseCode.InsufficientFunds, first.Code);
        card.TopUp(5_000);
        var repeat = card.Reply(purchase);
        Assert.Equal(first with { Repeated = true }, repeat);
        Assert.Equal(5_500, card.State.MainBalance);
    }

    [Fact]
    public void After_the_window_the_key_is_forgotten()
    {
        var card = new CardHarness().Ready(10_000);
        var tx = card.NextTx();
        card.Reply(new TopUp(tx, CardHarness.KeyFor(tx), Money.Fen(100), TopUpChannel.Online));
        card.Now += TimeSpan.FromHours(24);
        card.TopUp(1);
        Assert.Empty(card.State.RecentTransactions.ToArray()[..^1]);
        var other = card.NextTx();
        Assert.True(card.Reply(new TopUp(other, CardHarness.KeyFor(tx), Money.Fen(100), TopUpChannel.Online)).IsApproved);
        Assert.Equal(10_201, card.State.MainBalance);
    }
}
