using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Cards;

/// <summary>The authorization path allocates the event and nothing else.</summary>
public sealed class CardHotPathTests
{
    [Fact]
    public void Deciding_and_applying_a_purchase_allocates_only_the_event()
    {
        var card = new CardHarness().Ready(400_000);
        card.Grant(1_000, TimeSpan.FromDays(30));
        var state = card.State;
        var context = card.Context;
        var merchant = CardHarness.Canteen;
        var commands = new Purchase[64];
        for (var i = 0; i < commands.Length; i++)
        {
            var tx = new TransactionId((ulong)(10_000 + i));
            commands[i] = new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(10), merchant);
        }
        // Warm up past a growth step of the card's small collections (they double at 32).
        for (var i = 0; i < 34; i++)
        {
            state.Apply(CardDecider.Decide(state, commands[i], context).Single!);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 34; i < 50; i++)
        {
            var decision = CardDecider.Decide(state, commands[i], context);
            Assert.True(decision.Reply.IsApproved);
            state.Apply(decision.Single!);
        }
        var perOperation = (GC.GetAllocatedBytesForCurrentThread() - before) / 16;
        // One Purchased record (~130 bytes); growth of the remembered-transaction arrays is amortized.
        Assert.True(perOperation <= 256, $"{perOperation} bytes per purchase");
    }
}
