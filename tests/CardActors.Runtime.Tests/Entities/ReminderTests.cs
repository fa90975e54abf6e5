using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.TestKit;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Entities;

public sealed class ReminderTests
{
    private static readonly EntitySettings Settings = new()
    {
        ShardCount = 16,
        ReminderInterval = TimeSpan.FromSeconds(1),
        IdleTimeout = TimeSpan.FromSeconds(30),
        PassivationInterval = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task A_deadline_is_stored_with_its_event_and_wakes_the_entity_when_due()
    {
        var journal = new InMemoryJournal();
        using var node = new AccountRegion(journal, settings: Settings);
        var at = node.Time.GetUtcNow().AddMinutes(5);
        await node.Ask(1, new ScheduleWakeUp(at));
        Assert.Equal([new DueReminder("account|1", node.Region.ShardOf(1), at)], await journal.ReadDueAsync(at, 10, default));

        node.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Eventually.True(async () => await journal.ReadHighestSequenceNrAsync("account|1", default) == 2, "the entity woke up");
        await Eventually.True(async () => (await journal.ReadDueAsync(at.AddDays(1), 10, default)).Count == 0, "the reminder is cleared");
    }

    [Fact]
    public async Task A_deadline_survives_passivation_and_a_restart_of_the_node()
    {
        var journal = new InMemoryJournal();
        var time = new ManualTimeProvider();
        var at = time.GetUtcNow().AddHours(2);
        using (var node = new AccountRegion(journal, time, Settings))
        {
            await node.Ask(1, new ScheduleWakeUp(at));
            time.Advance(TimeSpan.FromMinutes(1));
            await Eventually.True(() => node.Region.LiveEntities == 0, "the idle entity is passivated");
        }

        using var restarted = new AccountRegion(journal, time, Settings);
        time.Advance(TimeSpan.FromHours(2));
        await Eventually.True(async () => await journal.ReadHighestSequenceNrAsync("account|1", default) == 2, "the recovered entity woke up");
        Assert.Equal(2, (await restarted.Ask(1, ReadBalance.Instance)).SequenceNr);
    }

    [Fact]
    public async Task A_reminder_that_is_no_longer_needed_is_cleared_when_it_fires()
    {
        var journal = new InMemoryJournal();
        using var node = new AccountRegion(journal, settings: Settings);
        var at = node.Time.GetUtcNow().AddMinutes(1);
        await node.Ask(1, new ScheduleWakeUp(at));
        await node.Ask(1, new ScheduleWakeUp(null)); // no longer needed; the stored reminder stays until it fires

        node.Time.Advance(TimeSpan.FromMinutes(2));
        await Eventually.True(async () => (await journal.ReadDueAsync(at.AddDays(1), 10, default)).Count == 0, "the stale reminder is cleared");
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync("account|1", default));
    }
}
