using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>The authorization path allocates the event and nothing else, however long the card has been busy.</summary>
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

    [Fact]
    public void A_card_at_its_memory_limits_allocates_nothing_in_apply_over_ten_thousand_purchases()
    {
        var card = new CardHarness().Ready(400_000);
        card.Grant(1_000, TimeSpan.FromDays(30));
        var state = card.State;
        var context = card.Context;
        var merchant = CardHarness.Canteen;
        var nextId = 100_000UL;
        Purchase Next()
        {
            var tx = new TransactionId(++nextId);
            return new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(1), merchant);
        }
        for (var i = 0; i < 2 * CardMemoryLimits.DefaultMemory; i++)
        {
            state.Apply(CardDecider.Decide(state, Next(), context).Single!);
        }
        Assert.Equal(state.Memory.RecentMemory, state.RecentTransactions.Length);
        Assert.Equal(state.Memory.SaleMemory, state.Sales.Length);

        var eventSize = AllocationOf(() => _ = new Purchased(
            context.Now, new TransactionId(1), default, 1, 0, default, merchant.Merchant, merchant.Terminal, default));
        var inApply = new long[5];
        var perPurchase = new long[inApply.Length];
        for (var run = 0; run < inApply.Length; run++)
        {
            var commands = Enumerable.Range(0, 10_000).Select(_ => Next()).ToArray();
            long applying = 0, total = 0;
            foreach (var command in commands)
            {
                var start = GC.GetAllocatedBytesForCurrentThread();
                var decision = CardDecider.Decide(state, command, context);
                var decided = GC.GetAllocatedBytesForCurrentThread();
                state.Apply(decision.Single!);
                var applied = GC.GetAllocatedBytesForCurrentThread();
                applying += applied - decided;
                total += applied - start;
            }
            inApply[run] = applying;
            perPurchase[run] = total / commands.Length;
        }
        Array.Sort(inApply);
        Array.Sort(perPurchase);
        Assert.True(inApply[inApply.Length / 2] == 0, $"Apply allocated {inApply[inApply.Length / 2]} bytes over 10,000 purchases");
        Assert.True(perPurchase[perPurchase.Length / 2] <= eventSize, $"{perPurchase[perPurchase.Length / 2]} bytes per purchase, the event is {eventSize}");
        Assert.Equal(state.Memory.SaleMemory, state.Sales.Length);
    }

    [Fact]
    public void The_prefetch_hint_covers_a_cards_fields_and_changes_nothing()
    {
        // An object's allocation is its header and method table (16 bytes) and its fields.
        var fields = AllocationOf(() => _ = new CardState()) - 16;
        Assert.True(fields <= CardState.FieldBytes, $"a card's fields take {fields} bytes; CardState.FieldBytes ({CardState.FieldBytes}) must cover them");

        new CardState().PrefetchMemory(); // a card with no memory yet has no arrays to hint
        var card = new CardHarness().Ready(400_000);
        for (var i = 0; i < 3; i++)
        {
            var tx = card.NextTx();
            Assert.True(card.Reply(new Purchase(tx, CardHarness.KeyFor(tx), Money.Fen(10), CardHarness.Canteen)).IsApproved);
        }
        var before = CardHarness.Snapshot(card.State);
        card.State.PrefetchMemory();
        Assert.Equal(before, CardHarness.Snapshot(card.State));
    }

    private static long AllocationOf(Action allocate)
    {
        allocate();
        var before = GC.GetAllocatedBytesForCurrentThread();
        allocate();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
