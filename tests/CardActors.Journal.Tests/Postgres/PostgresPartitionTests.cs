using CardActors.Journal.Postgres;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using CardActors.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// Partitions number their shards independently and at once; every shard must still read 1..n,
/// in each entity's order, whether one node writes or two nodes write the same shards together.
/// </summary>
public sealed class PostgresPartitionTests : IAsyncLifetime
{
    private const int Shards = 12;
    private readonly PostgresScope _scope = new();

    // smallBatchWrites: 256 (the default) makes these small batches take turns across the
    // partitions; 0 sends every batch at once; 8 mixes the two as the batches grow and shrink.
    [Theory]
    [InlineData(PostgresWriteMode.Copy, 1, 7, 256)]
    [InlineData(PostgresWriteMode.Copy, 2, 8, 256)]
    [InlineData(PostgresWriteMode.Insert, 2, 9, 256)]
    [InlineData(PostgresWriteMode.Copy, 1, 10, 0)]
    [InlineData(PostgresWriteMode.Copy, 2, 11, 8)]
    public async Task Concurrent_writers_through_the_partitions_number_every_shard_without_gaps_or_repeats(PostgresWriteMode mode, int nodes, int seed, int smallBatchWrites)
    {
        const int entitiesPerNode = 120, eventsPerEntity = 6;
        var stores = new List<PostgresJournal>();
        for (var n = 0; n < nodes; n++)
        {
            stores.Add(await _scope.OpenAsync(_scope.Options("partitions", mode, partitions: 4) with { SmallBatchWrites = smallBatchWrites }));
        }

        var time = new ManualTimeProvider();
        var groups = stores.Select(s => new JournalWriterGroup(s.Partitions, new JournalWriterSettings(), time, NullLogger.Instance)).ToList();
        try
        {
            Assert.All(stores, s => Assert.Equal(4, s.Partitions.Count));

            // Every entity is its own writer: it persists its events one write at a time, as an
            // entity does, while all the others do the same; the writers batch whatever is queued.
            var entities = Enumerable.Range(0, nodes * entitiesPerNode)
                .Select(e => (Id: $"p|{e}", Shard: new Random(seed + e).Next(Shards), Group: groups[e % nodes]))
                .ToList();
            await Task.WhenAll(entities.Select(e => Task.Run(async () =>
            {
                for (var seq = 1; seq <= eventsPerEntity; seq++)
                {
                    var owner = new CompletionOwner();
                    var write = Writes.Numbered(e.Id, e.Shard, seq, 1, owner);
                    Assert.True(e.Group.For(e.Shard).TryEnqueue(write));
                    await owner.Completed.WaitAsync(Waits.HangGuard);
                    Assert.True(write.Status == WriteStatus.Written, $"{e.Id}@{seq}: {write.Status} {write.Error} (seed {seed})");
                }
            })));

            for (var shardId = 0; shardId < Shards; shardId++)
            {
                var expected = entities.Count(e => e.Shard == shardId) * eventsPerEntity;
                var shard = await stores[0].ReadShardAsync(shardId, 0, 100_000, CancellationToken.None);
                var because = $"shard {shardId}, seed {seed}";
                Assert.True(Enumerable.Range(1, expected).Select(i => (long)i).SequenceEqual(shard.Select(s => s.ShardSequenceNr)), because);
                foreach (var entity in shard.GroupBy(s => s.PersistenceId))
                {
                    Assert.True(Enumerable.Range(1, eventsPerEntity).Select(i => (long)i).SequenceEqual(entity.Select(s => s.SequenceNr)), because);
                }
            }
        }
        finally
        {
            groups.ForEach(g => g.Dispose());
        }
    }

    [Fact]
    public async Task A_batch_given_to_the_store_goes_to_the_partitions_that_own_its_shards()
    {
        var store = await _scope.OpenAsync("routing", partitions: 3);
        Assert.Equal([0, 1, 2, 0, 1], new[] { 0, 1, 2, 3, 4 }.Select(store.PartitionOf));

        var batch = await store.WriteBatchAsync(Enumerable.Range(0, 9).Select(e => Writes.Numbered($"r|{e}", e % 5, 1, 2)).ToArray());

        Assert.All(batch, w => Assert.Equal(WriteStatus.Written, w.Status));
        for (var shardId = 0; shardId < 5; shardId++)
        {
            var shard = await store.Partitions[store.PartitionOf(shardId)].ReadShardAsync(shardId, 0, 100, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, shard.Count).Select(i => (long)i), shard.Select(s => s.ShardSequenceNr));
            Assert.Equal(shardId < 4 ? 4 : 2, shard.Count);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
