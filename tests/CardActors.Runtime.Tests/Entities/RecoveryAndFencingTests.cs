using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Entities;

public sealed class RecoveryAndFencingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task An_entity_recovers_exactly_its_state_after_a_restart(int snapshotEvery)
    {
        var journal = new InMemoryJournal();
        var settings = new EntitySettings { ShardCount = 16, SnapshotEvery = snapshotEvery };
        var random = new Random(1234);
        var expected = new Dictionary<long, long>();
        using (var node = new AccountRegion(journal, settings: settings))
        {
            for (var i = 0; i < 200; i++)
            {
                var account = random.Next(10);
                var amount = random.Next(1, 50);
                var reply = random.Next(3) == 0
                    ? await node.Ask(account, new Debit(amount))
                    : await node.Ask(account, new Credit(amount));
                expected[account] = reply.Outcome == AccountOutcome.Ok || reply.Outcome == AccountOutcome.Insufficient ? reply.Balance : throw new InvalidOperationException(reply.ToString());
            }
        }

        if (snapshotEvery > 0)
        {
            Assert.NotNull(await journal.LoadAsync("account|0", default));
        }

        using var restarted = new AccountRegion(journal, settings: settings);
        foreach (var (account, balance) in expected)
        {
            var reply = await restarted.Ask(account, ReadBalance.Instance);
            Assert.Equal(balance, reply.Balance);
            Assert.Equal(await journal.ReadHighestSequenceNrAsync($"account|{account}", default), reply.SequenceNr);
        }
    }

    [Fact]
    public async Task A_second_writer_of_the_same_entity_is_detected_and_the_loser_never_answers_ok()
    {
        var journal = new InMemoryJournal();
        using var nodeA = new AccountRegion(journal);
        using var nodeB = new AccountRegion(journal);

        Assert.Equal(AccountOutcome.Ok, (await nodeA.Ask(7, new Credit(10))).Outcome);
        Assert.Equal(10, (await nodeB.Ask(7, ReadBalance.Instance)).Balance); // B recovers at sequence 1

        Assert.Equal(AccountOutcome.Ok, (await nodeA.Ask(7, new Credit(1))).Outcome); // A writes sequence 2
        var lost = await nodeB.Ask(7, new Credit(100)); // B also tries sequence 2
        Assert.Equal(AccountOutcome.OwnershipLost, lost.Outcome);
        await Eventually.True(() => !nodeB.Region.IsLive(7), "the fenced entity stops");

        // Nothing of B's command was stored; a fresh incarnation on B sees A's events.
        Assert.Equal(11, (await nodeB.Ask(7, ReadBalance.Instance)).Balance);
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync("account|7", default));
    }
}
