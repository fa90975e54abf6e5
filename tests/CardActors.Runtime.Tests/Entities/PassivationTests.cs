using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Entities;

public sealed class PassivationTests
{
    [Fact]
    public async Task An_idle_entity_is_passivated_and_returns_with_its_state()
    {
        var journal = new InMemoryJournal();
        var settings = new EntitySettings { ShardCount = 16, IdleTimeout = TimeSpan.FromMinutes(1), PassivationInterval = TimeSpan.FromSeconds(10) };
        using var node = new AccountRegion(journal, settings: settings);
        await node.Ask(1, new Credit(40));
        await node.Ask(1, new Debit(15));
        Assert.Equal(1, node.Region.LiveEntities);

        node.Time.Advance(TimeSpan.FromSeconds(70));
        await Eventually.True(() => node.Region.LiveEntities == 0, "the idle entity is passivated");

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 25, 2), await node.Ask(1, ReadBalance.Instance));
        Assert.Equal(1, node.Region.LiveEntities);
    }

    [Fact]
    public async Task Beyond_the_cap_the_least_recently_used_entities_are_evicted()
    {
        var journal = new InMemoryJournal();
        var settings = new EntitySettings { ShardCount = 16, MaxLiveEntities = 20, IdleTimeout = TimeSpan.FromHours(1), PassivationInterval = TimeSpan.FromHours(1) };
        using var node = new AccountRegion(journal, settings: settings);
        for (var account = 0; account < 20; account++)
        {
            await node.Ask(account, new Credit(account));
            node.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // Touch the five oldest again: they become the most recently used.
        for (var account = 0; account < 5; account++)
        {
            await node.Ask(account, ReadBalance.Instance);
            node.Time.Advance(TimeSpan.FromSeconds(1));
        }

        for (var account = 20; account < 25; account++)
        {
            await node.Ask(account, new Credit(account));
            node.Time.Advance(TimeSpan.FromSeconds(1));
        }

        node.Region.PassivateIdle();
        await Eventually.True(() => node.Region.LiveEntities <= 20, "surplus entities are evicted");

        // Accounts 5..10 were the least recently used: they (and only such) are gone.
        Assert.All(Enumerable.Range(0, 5).Concat(Enumerable.Range(20, 5)), a => Assert.True(node.Region.IsLive(a), $"account {a} should be live"));
        Assert.Contains(Enumerable.Range(5, 6), a => !node.Region.IsLive(a));

        for (var account = 0; account < 25; account++)
        {
            Assert.Equal(account, (await node.Ask(account, ReadBalance.Instance)).Balance);
        }
    }
}
