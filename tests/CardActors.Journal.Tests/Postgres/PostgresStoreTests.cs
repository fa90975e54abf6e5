using CardActors.Journal.Postgres;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>What the PostgreSQL store does beyond the common contract: schema, chunked replay, gaps, offsets.</summary>
public sealed class PostgresStoreTests : IAsyncLifetime
{
    private readonly PostgresScope _scope = new();

    [Fact]
    public async Task Nodes_starting_together_create_the_schema_once()
    {
        var options = _scope.Options("together");
        var stores = Enumerable.Range(0, 6).Select(_ => _scope.Track(new PostgresJournal(options))).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None).AsTask())));

        Assert.Equal(1L, await PostgresTestServer.ScalarAsync($"SELECT count(*) FROM {options.Schema}.schema_version"));
        Assert.Equal(1, await PostgresTestServer.ScalarAsync($"SELECT max(version) FROM {options.Schema}.schema_version"));
        Assert.Equal(true, await PostgresTestServer.ScalarAsync(
            $"SELECT indisunique FROM pg_index WHERE indexrelid = '{options.Schema}.journal_by_shard'::regclass"));
        Assert.Equal(1L, await PostgresTestServer.ScalarAsync(
            $"SELECT count(*) FROM pg_indexes WHERE schemaname = '{options.Schema}' AND indexname = 'reminders_by_due_at'"));
        var batch = await stores[3].WriteBatchAsync(Writes.Numbered("a", 0, 1, 1));
        Assert.Equal(WriteStatus.Written, batch[0].Status);
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_is_refused()
    {
        var options = _scope.Options("newer");
        await _scope.OpenAsync(options);
        await using (var connection = await PostgresTestServer.ConnectAsync())
        {
            await PostgresTestServer.ExecuteAsync(connection, $"INSERT INTO {options.Schema}.schema_version (version) VALUES (99)");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _scope.OpenAsync(options));
        Assert.Contains("upgrade the node", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public async Task A_long_history_replays_in_chunks_in_order_with_exact_bytes(int from)
    {
        var store = await _scope.OpenAsync(_scope.Options("chunks") with { ReplayChunkSize = 7 });
        for (var first = 1; first <= 50; first += 10)
        {
            await store.WriteBatchAsync(Writes.Numbered("long", 2, first, 10), Writes.Numbered($"other{first}", 2, 1, 3));
        }

        var (highest, events) = await RecordingTarget.ReplayAsync(store, "long", from);

        Assert.Equal(50, highest);
        var start = Math.Max(1, from);
        Assert.Equal(Enumerable.Range(start, 51 - start).Select(i => (long)i), events.Select(e => e.SequenceNr));
        Assert.All(events, e => Assert.Equal(Writes.Payload("long", e.SequenceNr), e.Payload));
    }

    [Fact]
    public async Task A_batched_recovery_goes_on_past_one_chunk_for_a_long_history_alone()
    {
        var store = await _scope.OpenAsync(_scope.Options("recover_chunks") with { ReplayChunkSize = 7 });
        await store.WriteBatchAsync(Writes.Numbered("long", 2, 1, 30), Writes.Numbered("seven", 2, 1, 7), Writes.Numbered("short", 2, 1, 3));
        await store.WriteBatchAsync(Writes.Snapshot("long", 2, 9, [9]));

        var recovered = await RecoveryRecorder.RecoverAsync(store, "short", "long", "seven");

        Assert.Equal(Enumerable.Range(1, 3).Select(i => ("E", (long)i)), recovered[0].Received.Select(r => (r.Kind, r.SequenceNr)));
        Assert.Equal(
            new[] { ("S", 9L) }.Concat(Enumerable.Range(10, 21).Select(i => ("E", (long)i))),
            recovered[1].Received.Select(r => (r.Kind, r.SequenceNr)));
        Assert.All(recovered[1].Received.Skip(1), r => Assert.Equal(Writes.Payload("long", r.SequenceNr), r.Payload));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => ("E", (long)i)), recovered[2].Received.Select(r => (r.Kind, r.SequenceNr)));
    }

    [Fact]
    public async Task A_minimum_pool_size_larger_than_the_writers_pool_is_accepted()
    {
        var options = _scope.Options("min_pool");
        var store = await _scope.OpenAsync(options with { ConnectionString = options.ConnectionString + ";Minimum Pool Size=4", Partitions = 1 });

        var batch = await store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1));

        Assert.Equal(WriteStatus.Written, batch[0].Status);
        Assert.Equal(1, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_that_would_leave_a_gap_fails_alone()
    {
        var store = await _scope.OpenAsync("gap");
        await store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 2));
        var fresh = await _scope.OpenAsync("gap"); // knows nothing of "a": it must read the number

        var known = await store.WriteBatchAsync(Writes.Numbered("a", 0, 4, 1), Writes.Numbered("b", 0, 1, 1));
        var unknown = await fresh.WriteBatchAsync(Writes.Numbered("a", 0, 5, 1), Writes.Numbered("c", 0, 1, 1));

        foreach (var batch in new[] { known, unknown })
        {
            Assert.Equal(WriteStatus.Failed, batch[0].Status);
            Assert.Contains("gap", batch[0].Error!.Message, StringComparison.Ordinal);
            Assert.Equal(WriteStatus.Written, batch[1].Status);
        }

        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None));
        Assert.Equal([1L, 2, 3, 4], (await fresh.ReadShardAsync(0, 0, 10, CancellationToken.None)).Select(e => e.ShardSequenceNr));
    }

    [Fact]
    public async Task Pipeline_offsets_are_kept_per_pipeline_and_shard_and_survive_a_restart()
    {
        var options = _scope.Options("offsets");
        await using (var journal = new PostgresJournal(options))
        {
            await journal.InitializeAsync(CancellationToken.None);
            Assert.Equal(0, await journal.ReadOffsetAsync("settlement", 3, CancellationToken.None));
            await journal.CommitOffsetAsync("settlement", 3, 42, CancellationToken.None);
            await journal.CommitOffsetAsync("settlement", 4, 7, CancellationToken.None);
            await journal.CommitOffsetAsync("rewards", 3, 5, CancellationToken.None);
            await journal.CommitOffsetAsync("rewards", 3, 9, CancellationToken.None);
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => journal.CommitOffsetAsync("rewards", 3, -1, CancellationToken.None).AsTask());
        }

        var reopened = await _scope.OpenAsync(options);
        Assert.Equal(42, await reopened.ReadOffsetAsync("settlement", 3, CancellationToken.None));
        Assert.Equal(7, await reopened.ReadOffsetAsync("settlement", 4, CancellationToken.None));
        Assert.Equal(9, await reopened.ReadOffsetAsync("rewards", 3, CancellationToken.None));
        await reopened.CommitOffsetAsync("rewards", 3, 2, CancellationToken.None); // moving back is allowed: reprocess
        Assert.Equal(2, await reopened.ReadOffsetAsync("rewards", 3, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_replay_target_leaves_the_store_usable()
    {
        var store = await _scope.OpenAsync(_scope.Options("throwing") with { MaxReadConnections = 1 });
        await store.WriteBatchAsync(Enumerable.Range(0, 20).Select(e => Writes.Numbered($"e{e}", e % 3, 1, 3)).ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReplayAsync("e1", 1, new ThrowingTarget(), CancellationToken.None).AsTask());

        var replays = await Task.WhenAll(Enumerable.Range(0, 20).Select(e => Task.Run(() => RecordingTarget.ReplayAsync(store, $"e{e}"))));
        Assert.All(replays, r => Assert.Equal(3, r.Events.Count));
    }

    [Fact]
    public async Task The_store_must_be_initialized_first_and_refuses_use_after_disposal()
    {
        var store = _scope.Track(new PostgresJournal(_scope.Options("lifecycle")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1)));
        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadHighestSequenceNrAsync("a", CancellationToken.None).AsTask());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private sealed class ThrowingTarget : IReplayTarget
    {
        public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload) => throw new InvalidDataException("cannot decode");
    }
}
