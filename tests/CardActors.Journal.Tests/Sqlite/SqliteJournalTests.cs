using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Sqlite;

/// <summary>What the SQLite store does beyond the common contract: errors, cancellation, gaps, shared files.</summary>
public sealed class SqliteJournalTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task A_lock_held_elsewhere_makes_the_store_unavailable_and_stores_nothing()
    {
        await using var journal = await _database.OpenAsync(_database.Options with { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using (var outsider = _database.Connect())
        using (var transaction = outsider.BeginTransaction(deferred: false))
        {
            var batch = new[] { Writes.Numbered("a", 0, 1, 1), Writes.Numbered("b", 0, 1, 1) };
            await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.WriteAsync(batch, CancellationToken.None).AsTask());
            Assert.All(batch, w => Assert.Equal(WriteStatus.Pending, w.Status)); // the group-commit writer fails them
            transaction.Rollback();
        }

        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a", CancellationToken.None));
        var retry = await journal.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1));
        Assert.Equal(WriteStatus.Written, retry[0].Status);
    }

    [Fact]
    public async Task A_cancelled_write_or_read_stops_before_touching_the_file()
    {
        await using var journal = await _database.OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var batch = new[] { Writes.Numbered("a", 0, 1, 1) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.WriteAsync(batch, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.ReplayAsync("a", 1, new RecordingTarget(), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.ReadShardAsync(0, 0, 10, cancelled.Token).AsTask());

        Assert.Equal(WriteStatus.Pending, batch[0].Status);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_that_would_leave_a_gap_fails_alone()
    {
        await using var journal = await _database.OpenAsync();
        await journal.WriteBatchAsync(Writes.Numbered("a", 0, 1, 2));

        var batch = await journal.WriteBatchAsync(Writes.Numbered("a", 0, 4, 1), Writes.Numbered("b", 0, 1, 1));

        Assert.Equal(WriteStatus.Failed, batch[0].Status);
        Assert.Contains("gap", batch[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Written, batch[1].Status);
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync("a", CancellationToken.None));
        Assert.Equal([1L, 2, 3], (await journal.ReadShardAsync(0, 0, 10, CancellationToken.None)).Select(e => e.ShardSequenceNr));
    }

    [Fact]
    public async Task Shard_numbering_stays_contiguous_when_two_instances_take_turns_on_one_file()
    {
        await using var first = await _database.OpenAsync();
        await using var second = await _database.OpenAsync();

        await first.WriteBatchAsync(Writes.Numbered("a", 1, 1, 2));
        await second.WriteBatchAsync(Writes.Numbered("b", 1, 1, 2));
        var again = await first.WriteBatchAsync(Writes.Numbered("c", 1, 1, 2), Writes.Numbered("b", 1, 3, 1));

        Assert.All(again, w => Assert.Equal(WriteStatus.Written, w.Status));
        var shard = await second.ReadShardAsync(1, 0, 10, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], shard.Select(e => e.ShardSequenceNr));
        Assert.Equal(["a", "a", "b", "b", "c", "c", "b"], shard.Select(e => e.PersistenceId));
    }

    [Fact]
    public async Task Pipeline_offsets_are_kept_per_pipeline_and_shard_and_survive_a_restart()
    {
        await using (var journal = await _database.OpenAsync())
        {
            Assert.Equal(0, await journal.ReadOffsetAsync("settlement", 3, CancellationToken.None));
            await journal.CommitOffsetAsync("settlement", 3, 42, CancellationToken.None);
            await journal.CommitOffsetAsync("settlement", 4, 7, CancellationToken.None);
            await journal.CommitOffsetAsync("rewards", 3, 5, CancellationToken.None);
            await journal.CommitOffsetAsync("rewards", 3, 9, CancellationToken.None);
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => journal.CommitOffsetAsync("rewards", 3, -1, CancellationToken.None).AsTask());
        }

        await using var reopened = await _database.OpenAsync();
        Assert.Equal(42, await reopened.ReadOffsetAsync("settlement", 3, CancellationToken.None));
        Assert.Equal(7, await reopened.ReadOffsetAsync("settlement", 4, CancellationToken.None));
        Assert.Equal(9, await reopened.ReadOffsetAsync("rewards", 3, CancellationToken.None));
        await reopened.CommitOffsetAsync("rewards", 3, 2, CancellationToken.None); // moving back is allowed: reprocess
        Assert.Equal(2, await reopened.ReadOffsetAsync("rewards", 3, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_replay_target_does_not_spoil_the_reader_and_readers_queue_beyond_the_pool()
    {
        await using var journal = await _database.OpenAsync(_database.Options with { ReadConnections = 1 });
        await journal.WriteBatchAsync(Enumerable.Range(0, 20).Select(e => Writes.Numbered($"e{e}", e % 3, 1, 3)).ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => journal.ReplayAsync("e1", 1, new ThrowingTarget(), CancellationToken.None).AsTask());

        var replays = await Task.WhenAll(Enumerable.Range(0, 20).Select(e => Task.Run(() => RecordingTarget.ReplayAsync(journal, $"e{e}"))));
        Assert.All(replays, r => Assert.Equal(3, r.Events.Count));
    }

    public void Dispose() => _database.Dispose();

    private sealed class ThrowingTarget : IReplayTarget
    {
        public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload) => throw new InvalidDataException("cannot decode");
    }
}
