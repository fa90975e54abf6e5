using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;
using CardActors.TestKit.Persistence;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>
/// Entities that need recovery while a read is in flight wait and go together in the next read;
/// what goes wrong for one of them, or for the read as a whole, is answered as such.
/// </summary>
public sealed class RecoveryBatchingTests
{
    private static readonly EntitySettings OneReadAtATime = new() { ShardCount = 16, RecoveryConcurrency = 1 };

    [Fact]
    public async Task Entities_that_need_recovery_during_a_read_are_recovered_together_by_the_next()
    {
        var journal = await JournalWithAccounts(10);
        var store = new GatedStore(journal);
        using var node = new AccountRegion(store, settings: OneReadAtATime);

        var (first, rest) = await AskWhileTheFirstReadIsHeld(store, node, Enumerable.Range(0, 10), ReadBalance.Instance);

        Assert.Equal(100, (await first).Balance);
        for (var account = 1; account < 10; account++)
        {
            var reply = await rest[account - 1];
            Assert.Equal((AccountOutcome.Ok, 100 + account, 1L), (reply.Outcome, reply.Balance, reply.SequenceNr));
        }

        Assert.Equal([1, 9], store.RecoveryBatchSizes);
    }

    [Fact]
    public async Task An_entity_whose_journal_cannot_be_read_fails_alone_and_the_others_of_its_read_recover()
    {
        var journal = await JournalWithAccounts(5);
        await journal.WriteAsync([UnreadableEvent("account|3", sequenceNr: 2)], CancellationToken.None);
        var store = new GatedStore(journal);
        using var node = new AccountRegion(store, settings: OneReadAtATime);

        var (_, rest) = await AskWhileTheFirstReadIsHeld(store, node, Enumerable.Range(0, 5), new Credit(1));

        var outcomes = await Task.WhenAll(rest);
        Assert.Equal([AccountOutcome.Ok, AccountOutcome.Ok, AccountOutcome.Unavailable, AccountOutcome.Ok], outcomes.Select(r => r.Outcome));
        Assert.Equal([102L, 103, 0, 105], outcomes.Select(r => r.Balance));
        Assert.Equal([1, 4], store.RecoveryBatchSizes);
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync("account|3", CancellationToken.None)); // nothing written after it
    }

    [Fact]
    public async Task A_read_that_fails_as_a_whole_fails_its_entities_and_they_recover_on_their_next_command()
    {
        var journal = await JournalWithAccounts(4);
        var store = new GatedStore(journal) { FailRecoveries = true };
        using var node = new AccountRegion(store, settings: OneReadAtATime);

        var (first, rest) = await AskWhileTheFirstReadIsHeld(store, node, Enumerable.Range(0, 4), new Debit(1));

        Assert.All(await Task.WhenAll(rest.Prepend(first)), r => Assert.Equal(AccountOutcome.Unavailable, r.Outcome));
        store.FailRecoveries = false;
        for (var account = 0; account < 4; account++)
        {
            var reply = await node.Ask(account, new Debit(1));
            Assert.Equal((AccountOutcome.Ok, 99L + account, 2L), (reply.Outcome, reply.Balance, reply.SequenceNr));
        }
    }

    /// <summary>Accounts 0 to count − 1 with 100 + their number credited, written by a node that then stops.</summary>
    private static async Task<InMemoryJournal> JournalWithAccounts(int count)
    {
        var journal = new InMemoryJournal();
        using var node = new AccountRegion(journal);
        for (var account = 0; account < count; account++)
        {
            Assert.Equal(AccountOutcome.Ok, (await node.Ask(account, new Credit(100 + account))).Outcome);
        }

        return journal;
    }

    /// <summary>
    /// Asks the first account and holds its recovery read; asks the others while it is held and
    /// waits until each of them has queued for recovery, then lets the reads go on.
    /// </summary>
    private static async Task<(Task<AccountReply> First, Task<AccountReply>[] Others)> AskWhileTheFirstReadIsHeld(
        GatedStore store, AccountRegion node, IEnumerable<int> accounts, AccountCommand command)
    {
        var all = accounts.ToArray();
        store.HoldRecoveries();
        var firstRead = store.NextRecoveryArrived();
        var first = node.Ask(all[0], command).AsTask();
        await firstRead;
        var rest = all.Skip(1).Select(a => node.Ask(a, command).AsTask()).ToArray();
        await Eventually.True(() => node.Region.Recoveries.Waiting == rest.Length, "every other entity waits for a read");
        store.ReleaseRecoveries();
        await Task.WhenAll(rest.Prepend(first));
        return (first, rest);
    }

    private static JournalWrite UnreadableEvent(string persistenceId, long sequenceNr)
    {
        var write = new JournalWrite(IgnoreCompletion.Instance);
        write.Begin(persistenceId, 0, sequenceNr);
        write.GetSpan(9)[0] = 0xEE; // no account event has this tag
        write.Advance(9);
        write.EndEvent();
        return write;
    }

    private sealed class IgnoreCompletion : IJournalWriteOwner
    {
        public static readonly IgnoreCompletion Instance = new();

        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }
}
