using CardActors.TestKit.Persistence;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Entities;

public sealed class InspectionTests
{
    [Fact]
    public async Task An_inspection_sees_every_command_sent_before_it_and_persists_nothing()
    {
        var journal = new GatedStore(new InMemoryJournal());
        using var node = new AccountRegion(journal);
        await node.Ask(1, new Credit(10));

        journal.Hold();
        var arrived = journal.NextBatchArrived();
        var credit = node.Ask(1, new Credit(5)).AsTask();
        await arrived;
        var balance = node.Region.InspectAsync(1, state => (state.Balance, state.Events));
        Assert.False(balance.IsCompleted); // waits behind the command whose write is held

        journal.Release();
        await credit;
        Assert.Equal((15L, 2L), await balance);
        Assert.Equal(2, await journal.Inner.ReadHighestSequenceNrAsync("account|1", default));
    }

    [Fact]
    public async Task An_inspection_of_an_entity_without_events_sees_its_initial_state()
    {
        using var node = new AccountRegion(new InMemoryJournal());
        Assert.Equal(0, await node.Region.InspectAsync(42, state => state.Balance));
    }
}
