using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Contract;

/// <summary>Fencing: a write that collides with a stored key is refused alone, and stores nothing.</summary>
public abstract partial class JournalContract<TFixture>
{
    [Fact]
    public async Task A_conflicting_item_stores_nothing_and_the_rest_of_its_batch_is_written()
    {
        await Store.WriteBatchAsync(Writes.Numbered("taken", 1, 1, 2));

        var batch = await Store.WriteBatchAsync(
            Writes.Numbered("a", 1, 1, 2),
            Writes.Events("taken", 1, 2, [7], [8]).WithSnapshot(3, [7, 8]).WithReminder(At(5)),
            Writes.Numbered("b", 1, 1, 1),
            Writes.Numbered("c", 2, 1, 3));

        Assert.Equal([WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Written, WriteStatus.Written], batch.Select(w => w.Status));
        var taken = await RecordingTarget.ReplayAsync(Store, "taken");
        Assert.Equal(2, taken.Highest);
        Assert.Equal([Writes.Payload("taken", 1), Writes.Payload("taken", 2)], taken.Events.Select(e => e.Payload));
        Assert.Null(await Store.LoadAsync("taken", CancellationToken.None));
        Assert.Empty(await Store.ReadDueAsync(At(60), 10, CancellationToken.None));

        Assert.Equal(2, (await RecordingTarget.ReplayAsync(Store, "a")).Events.Count);
        Assert.Single((await RecordingTarget.ReplayAsync(Store, "b")).Events);
        Assert.Equal(3, (await RecordingTarget.ReplayAsync(Store, "c")).Events.Count);

        // The refused item took no shard numbers: the shard reads on without a gap.
        var shard = await Store.ReadShardAsync(1, 0, 100, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5], shard.Select(e => e.ShardSequenceNr));
        Assert.Equal(["taken", "taken", "a", "a", "b"], shard.Select(e => e.PersistenceId));
    }

    /// <remarks>
    /// Sequence numbers are contiguous, so the stored keys of an entity are always 1..n and a write
    /// that collides anywhere collides on its first event; what matters is that its later events,
    /// whose keys are free, are not stored either.
    /// </remarks>
    [Fact]
    public async Task An_item_that_overlaps_the_stored_events_stores_none_of_its_events()
    {
        await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 1, 2));

        var batch = await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 2, 3), Writes.Numbered("acct|2", 0, 1, 2));

        Assert.Equal(WriteStatus.Conflict, batch[0].Status);
        Assert.Equal(WriteStatus.Written, batch[1].Status);
        Assert.Equal(2, await Store.ReadHighestSequenceNrAsync("acct|1", CancellationToken.None));
        Assert.Equal(2, (await RecordingTarget.ReplayAsync(Store, "acct|1")).Events.Count);

        // The entity's next write, from the right place, goes through.
        var next = await Store.WriteBatchAsync(Writes.Numbered("acct|1", 0, 3, 2));
        Assert.Equal(WriteStatus.Written, next[0].Status);
        Assert.Equal(4, await Store.ReadHighestSequenceNrAsync("acct|1", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_repeated_in_a_later_batch_conflicts()
    {
        var first = Writes.Numbered("acct|1", 0, 1, 1);
        await Store.WriteBatchAsync(first);
        first.Reset();
        first.Begin("acct|1", 0, 1);
        first.EndEvent(); // an empty event: the stored bytes must stay the first write's

        await Store.WriteBatchAsync(first);

        Assert.Equal(WriteStatus.Conflict, first.Status);
        Assert.Equal(Writes.Payload("acct|1", 1), (await RecordingTarget.ReplayAsync(Store, "acct|1")).Events.Single().Payload);
    }

    /// <summary>
    /// Two writers (two store instances on one database where the store allows it, else two callers
    /// of one instance) claim the same keys at the same moment, in opposite orders; each key must be
    /// won by exactly one of them, and the store must hold the winner's bytes.
    /// </summary>
    [Fact]
    public async Task Two_writers_racing_for_the_same_keys_each_key_is_won_by_exactly_one()
    {
        const int entities = 120, rounds = 3, batchSize = 20;
        var second = Fixture.SharesDatabase ? await OpenAsync() : Store;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<List<JournalWrite>> Claim(IPersistenceStore store, byte writer, bool reverse)
        {
            await start.Task;
            var written = new List<JournalWrite>();
            for (var round = 1; round <= rounds; round++)
            {
                var order = Enumerable.Range(0, entities).ToArray();
                if (reverse)
                {
                    Array.Reverse(order);
                }

                foreach (var chunk in order.Chunk(batchSize))
                {
                    var batch = chunk.Select(e => Writes.Events($"race|{e}", e % 4, round, [writer, (byte)round])).ToArray();
                    await store.WriteAsync(batch, CancellationToken.None);
                    written.AddRange(batch);
                }
            }

            return written;
        }

        var a = Task.Run(() => Claim(Store, 1, reverse: false));
        var b = Task.Run(() => Claim(second, 2, reverse: true));
        start.SetResult();
        var writes = (await Task.WhenAll(a, b)).SelectMany(w => w).ToList();

        Assert.All(writes, w => Assert.True(w.Status is WriteStatus.Written or WriteStatus.Conflict, $"{w.PersistenceId}@{w.FromSequenceNr}: {w.Status} {w.Error}"));
        foreach (var key in writes.GroupBy(w => (w.PersistenceId, w.FromSequenceNr)))
        {
            var winners = key.Where(w => w.Status == WriteStatus.Written).ToList();
            Assert.True(winners.Count == 1, $"{key.Key} was won {winners.Count} times");
        }

        for (var e = 0; e < entities; e++)
        {
            var (highest, events) = await RecordingTarget.ReplayAsync(Store, $"race|{e}");
            Assert.Equal(rounds, highest);
            foreach (var (sequenceNr, payload) in events)
            {
                var winner = writes.Single(w => w.PersistenceId == $"race|{e}" && w.FromSequenceNr == sequenceNr && w.Status == WriteStatus.Written);
                Assert.Equal(winner.PayloadSpan(0).ToArray(), payload);
            }
        }

        for (var shardId = 0; shardId < 4; shardId++)
        {
            var shard = await Store.ReadShardAsync(shardId, 0, 10_000, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, shard.Count).Select(i => (long)i), shard.Select(s => s.ShardSequenceNr));
            Assert.Equal(entities / 4 * rounds, shard.Count);
        }
    }
}
