using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Contract;

/// <summary>
/// What every journal store must do, whatever it is built on. A store kind passes by subclassing
/// this with its <see cref="JournalStoreFixture"/>. This file: writing and replaying events.
/// </summary>
public abstract partial class JournalContract<TFixture>(TFixture fixture) : StoreTestBase<TFixture>(fixture)
    where TFixture : JournalStoreFixture
{
    [Fact]
    public async Task Events_replay_in_sequence_order_with_their_exact_bytes()
    {
        var every = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        await Store.WriteBatchAsync(
            Writes.Events("acct|1", 3, 1, every, [0], [0xFF, 0x00, 0x7F]),
            Writes.Numbered("acct|2", 3, 1, 2));
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 3, 4, 1));
        await Store.WriteBatchAsync(Writes.Numbered("acct|2", 3, 3, 1), Writes.Numbered("acct|1", 3, 5, 2));

        var (highest, events) = await RecordingTarget.ReplayAsync(Store, "acct|1");

        Assert.Equal(6, highest);
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.SequenceNr));
        Assert.Equal(every, events[0].Payload);
        Assert.Equal([0], events[1].Payload);
        Assert.Equal([0xFF, 0x00, 0x7F], events[2].Payload);
        for (var seq = 4; seq <= 6; seq++)
        {
            Assert.Equal(Writes.Payload("acct|1", seq), events[seq - 1].Payload);
        }

        var other = await RecordingTarget.ReplayAsync(Store, "acct|2");
        Assert.Equal(3, other.Highest);
        Assert.Equal([1L, 2, 3], other.Events.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Every_write_of_a_batch_is_reported_written()
    {
        var batch = await Store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1), Writes.Numbered("b", 1, 1, 3), Writes.Snapshot("c", 2, 0, [1]));

        Assert.All(batch, w => Assert.Equal(WriteStatus.Written, w.Status));
        Assert.All(batch, w => Assert.Null(w.Error));
    }

    [Fact]
    public async Task Replay_can_start_from_a_middle_sequence_number()
    {
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 3));
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 4, 3));

        var middle = await RecordingTarget.ReplayAsync(Store, "acct|1", fromSequenceNr: 4);
        Assert.Equal(6, middle.Highest);
        Assert.Equal([4L, 5, 6], middle.Events.Select(e => e.SequenceNr));
        Assert.Equal(Writes.Payload("acct|1", 4), middle.Events[0].Payload);

        var last = await RecordingTarget.ReplayAsync(Store, "acct|1", fromSequenceNr: 6);
        Assert.Equal([6L], last.Events.Select(e => e.SequenceNr));

        var beyond = await RecordingTarget.ReplayAsync(Store, "acct|1", fromSequenceNr: 10);
        Assert.Empty(beyond.Events);
        Assert.Equal(9, beyond.Highest); // fromSequenceNr − 1 when nothing was replayed
    }

    [Fact]
    public async Task An_unknown_entity_has_no_events_and_highest_sequence_number_zero()
    {
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 2));

        var (highest, events) = await RecordingTarget.ReplayAsync(Store, "acct|10");

        Assert.Empty(events);
        Assert.Equal(0, highest);
        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync("acct|10", CancellationToken.None));
        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync("acct|", CancellationToken.None));
    }

    [Fact]
    public async Task The_highest_sequence_number_follows_the_writes()
    {
        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync("acct|1", CancellationToken.None));
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 1));
        Assert.Equal(1, await Store.ReadHighestSequenceNrAsync("acct|1", CancellationToken.None));
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 2, 4), Writes.Numbered("acct|2", 0, 1, 1));
        Assert.Equal(5, await Store.ReadHighestSequenceNrAsync("acct|1", CancellationToken.None));
        Assert.Equal(1, await Store.ReadHighestSequenceNrAsync("acct|2", CancellationToken.None));
    }

    [Fact]
    public async Task Empty_and_one_mebibyte_payloads_round_trip()
    {
        var large = Writes.RandomBytes(1 << 20, seed: 17);
        var largeSnapshot = Writes.RandomBytes(1 << 20, seed: 18);
        await Store.WriteBatchAsync(
            Writes.Events("big", 5, 1, [], large, [42], []).WithSnapshot(4, largeSnapshot),
            Writes.Snapshot("empty-snapshot", 5, 0, []));

        var (_, events) = await RecordingTarget.ReplayAsync(Store, "big");
        Assert.Equal(4, events.Count);
        Assert.Empty(events[0].Payload);
        Assert.Equal(large, events[1].Payload);
        Assert.Equal([42], events[2].Payload);
        Assert.Empty(events[3].Payload);

        var shard = await Store.ReadShardAsync(5, 0, 10, CancellationToken.None);
        Assert.Equal(4, shard.Count);
        Assert.True(shard[0].Payload.IsEmpty);
        Assert.True(shard[1].Payload.Span.SequenceEqual(large));

        var snapshot = await Store.LoadAsync("big", CancellationToken.None);
        Assert.True(snapshot!.Payload.Span.SequenceEqual(largeSnapshot));
        var empty = await Store.LoadAsync("empty-snapshot", CancellationToken.None);
        Assert.NotNull(empty);
        Assert.True(empty.Payload.IsEmpty);
    }

    [Fact]
    public async Task Initializing_twice_is_harmless()
    {
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 2));

        await Store.InitializeAsync(CancellationToken.None);
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 3, 1));
        var again = await OpenAsync(Fixture.SharesDatabase ? Database : Fixture.NewDatabaseName());
        await again.InitializeAsync(CancellationToken.None);

        var (highest, events) = await RecordingTarget.ReplayAsync(Store, "acct|1");
        Assert.Equal(3, highest);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task What_was_written_survives_closing_and_reopening_the_store()
    {
        if (!Fixture.IsDurable)
        {
            return; // nothing to survive: the store keeps its data in memory
        }

        await Store.WriteBatchAsync(
            Writes.Numbered("acct|1", 2, 1, 3).WithSnapshot(3, [9, 9]).WithReminder(At(10)),
            Writes.Numbered("acct|2", 2, 1, 1));
        await CloseAsync(Store);

        var reopened = await OpenAsync();
        var (highest, events) = await RecordingTarget.ReplayAsync(reopened, "acct|1");
        Assert.Equal(3, highest);
        Assert.Equal(Writes.Payload("acct|1", 2), events[1].Payload);
        Assert.Equal([9, 9], (await reopened.LoadAsync("acct|1", CancellationToken.None))!.Payload.ToArray());
        Assert.Equal("acct|1", Assert.Single(await reopened.ReadDueAsync(At(10), 10, CancellationToken.None)).PersistenceId);

        // Fencing and shard numbering carry on from what is stored.
        var batch = await reopened.WriteBatchAsync(Writes.Numbered("acct|1", 2, 3, 1), Writes.Numbered("acct|2", 2, 2, 1));
        Assert.Equal([WriteStatus.Conflict, WriteStatus.Written], batch.Select(w => w.Status));
        var shard = await reopened.ReadShardAsync(2, 0, 100, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5], shard.Select(e => e.ShardSequenceNr));
        Assert.Equal(("acct|2", 2L), (shard[4].PersistenceId, shard[4].SequenceNr));
    }

    private static DateTimeOffset At(int minutes) => new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
}
