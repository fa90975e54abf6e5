using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using CardActors.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Journal.Tests.Contract;

/// <summary>Reading a shard in order, as pipelines do, and the write time each event carries.</summary>
public abstract partial class JournalContract<TFixture>
{
    [Fact]
    public async Task A_shard_reads_in_write_order_across_entities_and_batches_after_an_offset_with_a_limit()
    {
        const int seed = 20260301, shards = 3;
        var random = new Random(seed);
        var next = new Dictionary<string, long>();
        var expected = Enumerable.Range(0, shards).Select(_ => new List<(string, long, byte[])>()).ToArray();
        for (var b = 0; b < 30; b++)
        {
            var batch = new List<JournalWrite>();
            foreach (var entity in Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(random.Next(1, 12)))
            {
                var id = $"shard-test|{entity}";
                var shardId = entity % shards;
                var from = next.GetValueOrDefault(id, 1);
                var payloads = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Writes.RandomBytes(random.Next(0, 40), random.Next())).ToArray();
                batch.Add(Writes.Events(id, shardId, from, payloads));
                next[id] = from + payloads.Length;
                expected[shardId].AddRange(payloads.Select((p, i) => (id, from + i, p)));
            }

            await Store.WriteAsync(batch, CancellationToken.None);
        }

        for (var shardId = 0; shardId < shards; shardId++)
        {
            var all = await Store.ReadShardAsync(shardId, 0, 100_000, CancellationToken.None);
            var because = $"shard {shardId}, seed {seed}";
            Assert.True(expected[shardId].Count == all.Count, because);
            Assert.True(all.Select(e => e.ShardSequenceNr).SequenceEqual(Enumerable.Range(1, all.Count).Select(i => (long)i)), because);
            Assert.True(all.All(e => e.ShardId == shardId), because);
            Assert.True(expected[shardId].Select(x => (x.Item1, x.Item2)).SequenceEqual(all.Select(e => (e.PersistenceId, e.SequenceNr))), because);
            Assert.True(expected[shardId].Select(x => x.Item3).Zip(all).All(p => p.First.AsSpan().SequenceEqual(p.Second.Payload.Span)), because);

            var page = await Store.ReadShardAsync(shardId, 10, 7, CancellationToken.None);
            Assert.True(page.Select(e => e.ShardSequenceNr).SequenceEqual([11L, 12, 13, 14, 15, 16, 17]), because);
            Assert.True(all.Skip(10).Take(7).Select(e => (e.PersistenceId, e.SequenceNr)).SequenceEqual(page.Select(e => (e.PersistenceId, e.SequenceNr))), because);

            Assert.Empty(await Store.ReadShardAsync(shardId, all.Count, 10, CancellationToken.None));
            Assert.Equal([all[^1].ShardSequenceNr], (await Store.ReadShardAsync(shardId, all.Count - 1, 10, CancellationToken.None)).Select(e => e.ShardSequenceNr));
        }

        Assert.Empty(await Store.ReadShardAsync(shards + 1, 0, 10, CancellationToken.None));
    }

    /// <summary>Long shards (past any page or chunk a store keeps them in) and shard ids far apart, as the node's entity types use.</summary>
    [Theory]
    [InlineData(5)]
    [InlineData(100_017)]
    [InlineData(2_000_000_011)]
    public async Task A_long_shard_reads_back_whole_and_from_any_offset(int shardId)
    {
        const int entities = 7, eventsPerEntity = 1_500, perBatch = 500;
        var written = new List<(string Id, long SequenceNr)>();
        for (var from = 1; from <= eventsPerEntity; from += perBatch)
        {
            var batch = new List<JournalWrite>();
            for (var e = 0; e < entities; e++)
            {
                var id = $"long-shard|{shardId}|{e}";
                batch.Add(Writes.Numbered(id, shardId, from, perBatch));
                written.AddRange(Enumerable.Range(from, perBatch).Select(n => (id, (long)n)));
            }

            await Store.WriteAsync(batch, CancellationToken.None);
        }

        var all = new List<ShardEvent>();
        while (await Store.ReadShardAsync(shardId, all.Count, 4_000, CancellationToken.None) is { Count: > 0 } page)
        {
            all.AddRange(page);
        }

        Assert.Equal(written, all.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.True(all.Select(e => e.ShardSequenceNr).SequenceEqual(Enumerable.Range(1, all.Count).Select(i => (long)i)));
        Assert.All(all, e => Assert.Equal(Writes.Payload(e.PersistenceId, e.SequenceNr), e.Payload.ToArray()));
        foreach (var offset in new[] { 4_095, 4_096, 8_191, written.Count - 1 })
        {
            var one = Assert.Single(await Store.ReadShardAsync(shardId, offset, 1, CancellationToken.None));
            Assert.Equal((written[offset].Id, written[offset].SequenceNr, offset + 1L), (one.PersistenceId, one.SequenceNr, one.ShardSequenceNr));
        }
    }

    /// <summary>Whole microseconds: the finest time every store keeps.</summary>
    [Fact]
    public async Task Events_and_snapshots_carry_the_time_their_batch_was_written()
    {
        var first = new DateTimeOffset(2026, 3, 1, 12, 34, 56, TimeSpan.Zero).AddTicks(7_890_120);
        var time = new ManualTimeProvider(first);
        using var writer = new JournalWriter(Store, new JournalWriterSettings(), time, NullLogger.Instance);

        await WriteThroughAsync(writer, owner => Writes.Numbered("timed", 7, 1, 2, owner));
        time.Advance(TimeSpan.FromTicks(15_000_010));
        await WriteThroughAsync(writer, owner => Writes.Numbered("timed", 7, 3, 1, owner).WithSnapshot(3, [3]));

        var shard = await Store.ReadShardAsync(7, 0, 10, CancellationToken.None);
        Assert.Equal([first, first, first.AddTicks(15_000_010)], shard.Select(e => e.Timestamp));
        Assert.All(shard, e => Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset));
        Assert.Equal(first.AddTicks(15_000_010), (await Store.LoadAsync("timed", CancellationToken.None))!.Timestamp);
    }

    /// <summary>Through the group-commit writer, which stamps the batch with its clock's time.</summary>
    private static async Task WriteThroughAsync(JournalWriter writer, Func<IJournalWriteOwner, JournalWrite> build)
    {
        var owner = new CompletionOwner();
        var write = build(owner);
        Assert.True(writer.TryEnqueue(write));
        await owner.Completed.WaitAsync(Waits.HangGuard);
        Assert.Equal(WriteStatus.Written, write.Status);
    }
}
