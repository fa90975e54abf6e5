using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;
using CardActors.TestKit.Persistence;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>
/// Commands that queue for an entity while its write is in flight are decided in its next turn and
/// stored together as one write: a hot entity keeps pace with its traffic instead of taking one
/// command per commit. Nothing decided in a turn is answered before the turn's write is stored.
/// </summary>
public sealed class TurnBatchingTests
{
    private const string Account = "account|1";

    /// <summary>A node whose store holds every batch, and account 1's credit of 100 waiting at it: commands sent now queue behind that write.</summary>
    private static async Task<(GatedStore Journal, AccountRegion Node, Task<AccountReply> Credit)> CreditHeldAtTheStore()
    {
        var journal = new GatedStore(new InMemoryJournal());
        var node = new AccountRegion(journal);
        journal.Hold();
        var first = journal.NextBatchArrived();
        var credit = node.Ask(1, new Credit(100)).AsTask();
        await first;
        return (journal, node, credit);
    }

    [Fact]
    public async Task Commands_queued_behind_a_write_go_out_together_as_the_next_write_and_are_answered_in_order()
    {
        var (journal, node, credit) = await CreditHeldAtTheStore();
        using var _ = node;

        var queued = new[]
        {
            node.Ask(1, new Debit(10)).AsTask(),
            node.Ask(1, new Debit(1_000)).AsTask(),
            node.Ask(1, new Credit(5)).AsTask(),
            node.Ask(1, ReadBalance.Instance).AsTask(),
            node.Ask(1, new Debit(20)).AsTask(),
        };
        var second = journal.NextBatchArrived();
        journal.Release();
        await second;

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await credit);
        Assert.Equal(
            [
                new AccountReply(AccountOutcome.Ok, 90, 2),
                new AccountReply(AccountOutcome.Insufficient, 90, 2),
                new AccountReply(AccountOutcome.Ok, 95, 3),
                new AccountReply(AccountOutcome.Ok, 95, 3),
                new AccountReply(AccountOutcome.Ok, 75, 4),
            ],
            await Task.WhenAll(queued));
        Assert.Equal([1, 1], journal.BatchSizes); // one write per turn, each in its own batch
        Assert.Equal(4, await journal.Inner.ReadHighestSequenceNrAsync(Account, default));
    }

    [Fact]
    public async Task A_decline_decided_after_unstored_events_is_not_answered_before_they_are_stored()
    {
        var (journal, node, credit) = await CreditHeldAtTheStore();
        using var _ = node;

        var spend = node.Ask(1, new Debit(80)).AsTask();
        var declined = node.Ask(1, new Debit(30)).AsTask(); // refused only because of the debit before it
        await journal.ReleaseUntilNextBatch();
        await credit;
        Assert.False(spend.IsCompleted);
        Assert.False(declined.IsCompleted);

        journal.Release();
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 20, 2), await spend);
        Assert.Equal(new AccountReply(AccountOutcome.Insufficient, 20, 2), await declined);
    }

    [Fact]
    public async Task A_failed_write_fails_every_command_of_its_turn_and_the_entity_recovers_what_was_stored()
    {
        var (journal, node, credit) = await CreditHeldAtTheStore();
        using var _ = node;

        var turn = new[]
        {
            node.Ask(1, new Debit(10)).AsTask(),
            node.Ask(1, ReadBalance.Instance).AsTask(),
            node.Ask(1, new Debit(20)).AsTask(),
        };
        await journal.ReleaseUntilNextBatch();
        journal.Failing.Add(Account);
        journal.Release();

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await credit);
        Assert.All(await Task.WhenAll(turn), reply => Assert.Equal(AccountOutcome.Unavailable, reply.Outcome));
        journal.Failing.Remove(Account);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await node.Ask(1, ReadBalance.Instance));
        Assert.Equal(1, await journal.Inner.ReadHighestSequenceNrAsync(Account, default));
    }

    [Fact]
    public async Task A_handler_that_throws_mid_turn_fails_the_commands_decided_before_it_and_the_rest_run_after_recovery()
    {
        var (journal, node, credit) = await CreditHeldAtTheStore();
        using var _ = node;

        var before = node.Ask(1, new Debit(10)).AsTask();
        var explode = node.Ask(1, Explode.Instance).AsTask();
        var after = node.Ask(1, new Debit(5)).AsTask();
        journal.Release();

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await credit);
        Assert.Equal(AccountOutcome.Crashed, (await before).Outcome); // applied, never stored
        Assert.Equal(AccountOutcome.Crashed, (await explode).Outcome);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 95, 2), await after);
        Assert.Equal(2, await journal.Inner.ReadHighestSequenceNrAsync(Account, default));
    }

    [Fact]
    public async Task An_inspection_queued_among_commands_sees_only_what_is_stored()
    {
        var (journal, node, credit) = await CreditHeldAtTheStore();
        using var _ = node;

        var debit = node.Ask(1, new Debit(10)).AsTask();
        var balance = node.Region.InspectAsync(1, state => (state.Balance, state.Events));
        var later = node.Ask(1, new Debit(1)).AsTask();
        await journal.ReleaseUntilNextBatch();
        Assert.False(balance.IsCompleted); // the debit before it is decided but not stored
        Assert.False(later.IsCompleted);

        var third = journal.ReleaseUntilNextBatch();
        Assert.Equal((90L, 2L), await balance);
        await third; // the command after the inspection went out in a write of its own
        journal.Release();
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await credit);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 90, 2), await debit);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 89, 3), await later);
    }
}
