using CardActors.TestKit.Persistence;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;

namespace CardActors.Journal.Tests.Contract;

/// <summary>
/// The kernel's promises that rest on the store, checked through the kernel itself (actor system,
/// group-commit writer, shard region) with balance accounts: exact recovery, per-entity failure
/// inside a batch, and fencing of a second writer.
/// </summary>
public abstract class EntityContract<TFixture>(TFixture fixture) : StoreTestBase<TFixture>(fixture)
    where TFixture : JournalStoreFixture
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task An_entity_recovers_exactly_its_state_after_a_restart(int snapshotEvery)
    {
        var settings = new EntitySettings { ShardCount = 16, SnapshotEvery = snapshotEvery };
        var expected = await RunAccountsAsync(Store, settings, seed: 1234);
        if (snapshotEvery > 0)
        {
            await WaitForSnapshotsAsync(expected.Keys, snapshotEvery);
        }

        await AssertRecoveredAsync(Store, settings, expected);
        if (snapshotEvery > 0)
        {
            // At least one account recovered from a snapshot plus the events after it.
            var mixed = 0;
            foreach (var account in expected.Keys)
            {
                var id = AccountNode.PersistenceIdOf(account);
                var snapshot = await Store.LoadAsync(id, CancellationToken.None);
                mixed += snapshot is not null && snapshot.SequenceNr < await Store.ReadHighestSequenceNrAsync(id, CancellationToken.None) ? 1 : 0;
            }

            Assert.True(mixed > 0, "no account had events after its snapshot (seed 1234)");
        }
    }

    [Fact]
    public async Task An_entity_recovers_exactly_its_state_after_the_store_is_reopened()
    {
        if (!Fixture.IsDurable)
        {
            return; // nothing to reopen: the store keeps its data in memory
        }

        var expected = await RunAccountsAsync(Store, new EntitySettings { ShardCount = 16 }, seed: 99);
        await CloseAsync(Store);

        await AssertRecoveredAsync(await OpenAsync(), new EntitySettings { ShardCount = 16 }, expected);
    }

    [Fact]
    public async Task One_entitys_failed_write_leaves_the_other_writes_of_its_batch_persisted()
    {
        var gated = new GatedStore(Store);
        using var node = new AccountNode(gated);
        gated.Failing.Add(AccountNode.PersistenceIdOf(3));

        var replies = await CreditInOneBatchAsync(node, gated, [1, 2, 3, 4, 5]);

        Assert.Equal(AccountOutcome.Unavailable, replies[2].Outcome);
        foreach (var account in new long[] { 1, 2, 4, 5 })
        {
            Assert.Equal((AccountOutcome.Ok, 10 * account), (replies[account - 1].Outcome, replies[account - 1].Balance));
            Assert.Equal(1, await Store.ReadHighestSequenceNrAsync(AccountNode.PersistenceIdOf(account), CancellationToken.None));
        }

        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync(AccountNode.PersistenceIdOf(3), CancellationToken.None));
        Assert.Equal(0, (await node.Ask(3, ReadBalance.Instance)).Balance); // recovered from the journal
        Assert.Equal(40, (await node.Ask(4, ReadBalance.Instance)).Balance);
    }

    [Fact]
    public async Task A_conflicting_row_inside_a_batch_fences_only_its_entity()
    {
        var gated = new GatedStore(Store);
        using var node = new AccountNode(gated);
        foreach (var account in new long[] { 1, 2, 3, 4, 5 })
        {
            Assert.Equal(AccountOutcome.Ok, (await node.Ask(account, new Credit(1))).Outcome);
        }

        // Another node wrote account 3's next event behind this node's back.
        var intruder = Writes.Events(AccountNode.PersistenceIdOf(3), node.Region.ShardOf(3), 2);
        Accounts.Type.Codec.WriteEvent(new Credited(1000), intruder);
        intruder.EndEvent();
        Assert.Equal(WriteStatus.Written, (await Store.WriteBatchAsync(intruder))[0].Status);

        var replies = await CreditInOneBatchAsync(node, gated, [1, 2, 3, 4, 5]);

        Assert.Equal(AccountOutcome.OwnershipLost, replies[2].Outcome);
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.Equal(AccountOutcome.Ok, replies[i].Outcome));
        Assert.Equal(1 + 1000, (await node.Ask(3, ReadBalance.Instance)).Balance); // a new incarnation reads the intruder's event
        Assert.Equal(2, await Store.ReadHighestSequenceNrAsync(AccountNode.PersistenceIdOf(3), CancellationToken.None));
        Assert.Equal(2, await Store.ReadHighestSequenceNrAsync(AccountNode.PersistenceIdOf(4), CancellationToken.None));
    }

    /// <summary>
    /// Two regions write one entity; each, in turn, persists an event the other did not see. The
    /// writer that comes second must answer OwnershipLost (never Ok) and store nothing. Run on one
    /// store instance, and on two instances of one database where the store allows it.
    /// </summary>
    [Fact]
    public async Task A_second_writer_of_the_same_entity_is_detected_and_the_loser_never_answers_ok()
    {
        await FenceAsync(Store, Store, account: 7);
        if (Fixture.SharesDatabase)
        {
            await FenceAsync(Store, await OpenAsync(), account: 8);
        }
    }

    private static async Task FenceAsync(IPersistenceStore storeA, IPersistenceStore storeB, long account)
    {
        using var a = new AccountNode(storeA);
        using var b = new AccountNode(storeB);

        Assert.Equal(AccountOutcome.Ok, (await a.Ask(account, new Credit(10))).Outcome);                // A writes 1
        Assert.Equal(10, (await b.Ask(account, ReadBalance.Instance)).Balance);                         // B recovers at 1
        Assert.Equal(AccountOutcome.Ok, (await b.Ask(account, new Credit(5))).Outcome);                 // B writes 2
        Assert.Equal(AccountOutcome.OwnershipLost, (await a.Ask(account, new Credit(1))).Outcome);      // A also tries 2
        Assert.Equal(15, (await a.Ask(account, ReadBalance.Instance)).Balance);                         // a new A incarnation sees B's
        Assert.Equal(AccountOutcome.Ok, (await a.Ask(account, new Credit(1))).Outcome);                 // A writes 3
        Assert.Equal(AccountOutcome.OwnershipLost, (await b.Ask(account, new Credit(100))).Outcome);    // B, having written before, tries 3
        Assert.Equal(16, (await b.Ask(account, ReadBalance.Instance)).Balance);

        var id = AccountNode.PersistenceIdOf(account);
        var (highest, events) = await RecordingTarget.ReplayAsync(storeA, id);
        Assert.Equal(3, highest);
        Assert.Equal([10L, 5, 1], events.Select(e => ((Credited)Accounts.Type.Codec.ReadEvent(e.Payload)).Amount));
    }

    /// <summary>
    /// Credits each account (already recovered) so that all the writes land in one batch: a first
    /// write is held at the store while the others queue behind it, then all are let go.
    /// </summary>
    private static async Task<AccountReply[]> CreditInOneBatchAsync(AccountNode node, GatedStore gated, long[] accounts)
    {
        foreach (var account in accounts.Append(100))
        {
            await node.Ask(account, ReadBalance.Instance);
        }

        gated.Hold();
        var held = gated.NextBatchArrived();
        var opener = node.Ask(100, new Credit(1));
        await held.WaitAsync(Waits.HangGuard);

        var replies = accounts.Select(account => node.Ask(account, new Credit(10 * account))).ToArray();
        await Waits.Until(() => node.Writer.QueuedCount == accounts.Length, "every credit queues behind the held batch");
        gated.Release();

        Assert.Equal(AccountOutcome.Ok, (await opener).Outcome);
        var results = await Task.WhenAll(replies);
        Assert.Equal(accounts.Length, gated.BatchSizes[^1]);
        return results;
    }

    private static async Task<Dictionary<long, (long Balance, long Events)>> RunAccountsAsync(IPersistenceStore store, EntitySettings settings, int seed)
    {
        var random = new Random(seed);
        var expected = new Dictionary<long, (long, long)>();
        using var node = new AccountNode(store, settings);
        for (var i = 0; i < 200; i++)
        {
            var account = random.Next(10);
            var amount = random.Next(1, 50);
            var reply = await node.Ask(account, random.Next(3) == 0 ? new Debit(amount) : new Credit(amount));
            Assert.True(reply.Outcome is AccountOutcome.Ok or AccountOutcome.Insufficient, $"{reply} (seed {seed}, step {i})");
            expected[account] = (reply.Balance, reply.SequenceNr);
        }

        return expected;
    }

    private async Task WaitForSnapshotsAsync(IEnumerable<long> accounts, int snapshotEvery)
    {
        foreach (var account in accounts)
        {
            var id = AccountNode.PersistenceIdOf(account);
            if (await Store.ReadHighestSequenceNrAsync(id, CancellationToken.None) < snapshotEvery)
            {
                continue;
            }

            await Waits.Until(async () => await Store.LoadAsync(id, CancellationToken.None) is not null, $"a snapshot of {id}");
        }
    }

    private static async Task AssertRecoveredAsync(IPersistenceStore store, EntitySettings settings, Dictionary<long, (long Balance, long Events)> expected)
    {
        using var restarted = new AccountNode(store, settings);
        foreach (var (account, (balance, events)) in expected)
        {
            var reply = await restarted.Ask(account, ReadBalance.Instance);
            Assert.Equal((AccountOutcome.Ok, balance, events), (reply.Outcome, reply.Balance, reply.SequenceNr));
            Assert.Equal(events, await store.ReadHighestSequenceNrAsync(AccountNode.PersistenceIdOf(account), CancellationToken.None));
        }
    }
}
