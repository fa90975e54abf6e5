using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Stores;

/// <summary>
/// The in-memory store keeps its shards in stripes with a lock each, so that writers of different
/// partitions do not wait for each other. Nothing of the contract may depend on which stripe a
/// write lands in.
/// </summary>
public sealed class InMemoryStripeTests
{
    [Fact]
    public async Task An_entity_written_under_shards_of_different_stripes_keeps_one_sequence_and_one_history()
    {
        var store = new InMemoryJournal();
        const string entity = "moved|1";
        await store.WriteBatchAsync(Writes.Numbered(entity, shardId: 1, fromSequenceNr: 1, count: 2));
        var moved = await store.WriteBatchAsync(Writes.Numbered(entity, shardId: 2, fromSequenceNr: 3, count: 1)); // a region reconfigured
        var stale = await store.WriteBatchAsync(Writes.Numbered(entity, shardId: 3, fromSequenceNr: 3, count: 1));

        Assert.Equal(WriteStatus.Written, moved[0].Status);
        Assert.Equal(WriteStatus.Conflict, stale[0].Status);
        var (highest, events) = await RecordingTarget.ReplayAsync(store, entity);
        Assert.Equal(3, highest);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.SequenceNr));
        Assert.Equal(Enumerable.Range(1, 3).Select(n => Writes.Payload(entity, n)), events.Select(e => e.Payload));
        Assert.Equal(3, await store.ReadHighestSequenceNrAsync(entity, CancellationToken.None));
        Assert.Equal([1L, 2L], (await store.ReadShardAsync(1, 0, 10, CancellationToken.None)).Select(e => e.SequenceNr));
        Assert.Equal([3L], (await store.ReadShardAsync(2, 0, 10, CancellationToken.None)).Select(e => e.SequenceNr));
        Assert.Empty(await store.ReadShardAsync(3, 0, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData(2, 20231123)]
    [InlineData(4, 7)]
    [InlineData(3, 11)] // a partition count that does not divide the stripes: stripes are shared, nothing else changes
    public async Task Writers_of_different_partitions_running_at_once_lose_and_reorder_nothing(int partitions, int seed)
    {
        const int entitiesPerPartition = 60, rounds = 5, batchSize = 7;
        var store = new InMemoryJournal();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Partition p owns the shards s with s % partitions == p, as a node's writer group assigns them.
        async Task<List<(int Shard, string Entity, long SequenceNr)>> Write(int partition)
        {
            var random = new Random(seed + partition);
            var shards = Enumerable.Range(0, 32).Where(s => s % partitions == partition).ToArray();
            var entities = Enumerable.Range(0, entitiesPerPartition).Select(e => ($"p{partition}|{e}", shards[random.Next(shards.Length)])).ToArray();
            var order = new List<(int, string, long)>();
            await start.Task;
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var chunk in entities.OrderBy(_ => random.Next()).Chunk(batchSize))
                {
                    var batch = chunk.Select(e => Writes.Numbered(e.Item1, e.Item2, round, count: 1)).ToArray();
                    await store.WriteAsync(batch, CancellationToken.None);
                    Assert.All(batch, w => Assert.Equal(WriteStatus.Written, w.Status));
                    order.AddRange(chunk.Select(e => (e.Item2, e.Item1, (long)round)));
                }
            }

            return order;
        }

        var writers = Enumerable.Range(0, partitions).Select(p => Task.Run(() => Write(p))).ToArray();
        start.SetResult();
        var written = (await Task.WhenAll(writers)).ToList();

        foreach (var order in written)
        {
            foreach (var entity in order.Select(o => o.Entity).Distinct())
            {
                var (highest, events) = await RecordingTarget.ReplayAsync(store, entity);
                Assert.True(highest == rounds, $"{entity} replays to {highest} (seed {seed})");
                Assert.Equal(Enumerable.Range(1, rounds).Select(n => Writes.Payload(entity, n)), events.Select(e => e.Payload));
            }
        }

        // Each shard is written by one partition only, so it reads back in that writer's order.
        foreach (var shard in written.SelectMany(o => o).GroupBy(o => o.Shard))
        {
            var read = await store.ReadShardAsync(shard.Key, 0, 10_000, CancellationToken.None);
            Assert.Equal(shard.Select(o => (o.Entity, o.SequenceNr)), read.Select(e => (e.PersistenceId, e.SequenceNr)));
            Assert.Equal(Enumerable.Range(1, read.Count).Select(i => (long)i), read.Select(e => e.ShardSequenceNr));
        }
    }

    [Fact]
    public async Task A_journal_with_memory_reserved_stores_and_reads_exactly_what_one_without_does()
    {
        var reserved = new InMemoryJournal(reserveBytes: 1);
        var plain = new InMemoryJournal();
        var random = new Random(20261123);
        var entities = Enumerable.Range(0, 40).Select(e => ($"card|{e}", random.Next(64))).ToArray();
        foreach (var store in new[] { reserved, plain })
        {
            for (var round = 1; round <= 3; round++)
            {
                await store.WriteBatchAsync(entities.Select(e => Writes.Numbered(e.Item1, e.Item2, round, count: 1)).ToArray());
            }
        }

        Assert.Equal(plain.StoredBytes, reserved.StoredBytes);
        Assert.True(reserved.StoredBytes > 0);
        foreach (var (entity, _) in entities)
        {
            var (highest, events) = await RecordingTarget.ReplayAsync(reserved, entity);
            Assert.Equal(3, highest);
            Assert.Equal(Enumerable.Range(1, 3).Select(n => Writes.Payload(entity, n)), events.Select(e => e.Payload));
        }

        for (var shard = 0; shard < 64; shard++)
        {
            var fromReserved = await reserved.ReadShardAsync(shard, 0, 1_000, CancellationToken.None);
            var fromPlain = await plain.ReadShardAsync(shard, 0, 1_000, CancellationToken.None);
            Assert.Equal(fromPlain.Select(e => (e.PersistenceId, e.SequenceNr, e.ShardSequenceNr)), fromReserved.Select(e => (e.PersistenceId, e.SequenceNr, e.ShardSequenceNr)));
        }
    }
}
