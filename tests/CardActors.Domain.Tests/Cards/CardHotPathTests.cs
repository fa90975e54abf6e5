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
        for (var i = 0; i < 16; i++)
        {
            state.Apply(CardDecider.Decide(state, commands[i], context).Single!);
        }
        // Measured one by one: the median ignores the occasional growth of the card's small lists.
        var allocations = new long[32];
        for (var i = 0; i < allocations.Length; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var decision = CardDecider.Decide(state, commands[16 + i], context);
            state.Apply(decision.Single!);
            allocations[i] = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(decision.Reply.IsApproved);
        }
        Array.Sort(allocations);
        var median = allocations[allocations.Length / 2];
        // One Purchased record and nothing else.
        Assert.True(median <= 128, $"{median} bytes per purchase");
    }
}
