using CardActors.Journal.Tests.Support;

namespace CardActors.Journal.Tests.Contract;

/// <summary>Snapshots (latest wins, never an older one) and durable reminders (set, clear, due order, limit).</summary>
public abstract partial class JournalContract<TFixture>
{
    [Fact]
    public async Task An_entity_without_a_snapshot_loads_null()
    {
        await Store.WriteBatchAsync(Writes.Snapshot("other", 0, 3, [1]));

        Assert.Null(await Store.LoadAsync("acct|1", CancellationToken.None));
    }

    [Fact]
    public async Task The_latest_snapshot_wins_and_an_older_one_never_replaces_a_newer()
    {
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 3).WithSnapshot(3, [3]));
        var third = await Store.LoadAsync("acct|1", CancellationToken.None);
        Assert.Equal(("acct|1", 3L, "03"), (third!.PersistenceId, third.SequenceNr, Convert.ToHexString(third.Payload.Span)));

        await Store.WriteBatchAsync(Writes.Snapshot("acct|1", 0, 7, [7, 7]));
        var seventh = await Store.LoadAsync("acct|1", CancellationToken.None);
        Assert.Equal((7L, "0707"), (seventh!.SequenceNr, Convert.ToHexString(seventh.Payload.Span)));

        if (!Fixture.KeepsNewerSnapshot)
        {
            return; // this store is known not to guard against a late, older snapshot
        }

        await Store.WriteBatchAsync(Writes.Snapshot("acct|1", 0, 5, [5]));
        var kept = await Store.LoadAsync("acct|1", CancellationToken.None);
        Assert.Equal((7L, "0707"), (kept!.SequenceNr, Convert.ToHexString(kept.Payload.Span)));
    }

    [Fact]
    public async Task Due_reminders_come_earliest_first_up_to_the_limit()
    {
        await Store.WriteBatchAsync(
            Writes.Numbered("e1", 1, 1, 1).WithReminder(At(30)),
            Writes.Numbered("e2", 2, 1, 1).WithReminder(At(10)),
            Writes.Numbered("e3", 3, 1, 1).WithReminder(At(20)),
            Writes.Numbered("e4", 4, 1, 1).WithReminder(At(100)));

        var due = await Store.ReadDueAsync(At(25), 10, CancellationToken.None);
        Assert.Equal(["e2", "e3"], due.Select(r => r.PersistenceId));
        Assert.Equal([2, 3], due.Select(r => r.ShardId));
        Assert.Equal([At(10), At(20)], due.Select(r => r.DueAt));

        Assert.Equal(["e2", "e3"], (await Store.ReadDueAsync(At(1000), 2, CancellationToken.None)).Select(r => r.PersistenceId));
        Assert.Equal(["e2", "e3", "e1", "e4"], (await Store.ReadDueAsync(At(1000), 10, CancellationToken.None)).Select(r => r.PersistenceId));
        Assert.Equal(["e2"], (await Store.ReadDueAsync(At(10), 10, CancellationToken.None)).Select(r => r.PersistenceId)); // due at or before
        Assert.Empty(await Store.ReadDueAsync(At(9), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_reminder_is_replaced_by_a_later_setting_and_removed_by_a_clear()
    {
        await Store.WriteBatchAsync(
            Writes.Numbered("e1", 1, 1, 1).WithReminder(At(10)),
            Writes.Numbered("e2", 1, 1, 1).WithReminder(At(20)));

        // Reminder changes may travel alone, without events, as an entity's deadline delivery does.
        await Store.WriteBatchAsync(
            Writes.Events("e1", 1, 2).WithReminder(null),
            Writes.Events("e2", 1, 2).WithReminder(At(5)));
        var due = await Store.ReadDueAsync(At(60), 10, CancellationToken.None);
        Assert.Equal([("e2", At(5))], due.Select(r => (r.PersistenceId, r.DueAt)));

        await Store.WriteBatchAsync(Writes.Numbered("e2", 1, 2, 1).WithReminder(null), Writes.Events("e3", 1, 1).WithReminder(null));
        Assert.Empty(await Store.ReadDueAsync(At(60), 10, CancellationToken.None));
        Assert.Equal(2, await Store.ReadHighestSequenceNrAsync("e2", CancellationToken.None));
    }
}
