using CardActors.Journal.Postgres;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using Npgsql;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// Fencing through the database itself, in every write mode (the adaptive one with a threshold
/// low enough that a batch goes by COPY and its retries, smaller, by INSERT): a node that knows nothing of what
/// another wrote finds out from the primary key, and the conflicting item is refused whole.
/// </summary>
public sealed class PostgresFencingTests : IAsyncLifetime
{
    private readonly PostgresScope _scope = new();

    [Theory]
    [InlineData(PostgresWriteMode.Copy, 2_000)]
    [InlineData(PostgresWriteMode.Insert, 2_000)]
    [InlineData(PostgresWriteMode.Adaptive, 4)]
    public async Task A_key_taken_by_another_node_refuses_that_item_whole_and_writes_the_rest(PostgresWriteMode mode, int copyFromEvents)
    {
        var first = await _scope.OpenAsync(_scope.Options("fence", mode) with { CopyFromEvents = copyFromEvents });
        var second = await _scope.OpenAsync(_scope.Options("fence", mode) with { CopyFromEvents = copyFromEvents }); // another node: it has never seen these entities
        await first.WriteBatchAsync(Writes.Numbered("taken", 1, 1, 2));
        await InsertRowAsync(_scope.Schema("fence"), "late", 3, shardId: 9); // collides only with the third event below

        var batch = await second.WriteBatchAsync(
            Writes.Numbered("a", 1, 1, 2),
            Writes.Events("taken", 1, 1, [7], [8], [9]).WithSnapshot(3, [1]).WithReminder(At(5)),
            Writes.Numbered("late", 1, 1, 3).WithSnapshot(3, [2]),
            Writes.Numbered("b", 1, 1, 1).WithReminder(At(7)));

        Assert.Equal([WriteStatus.Written, WriteStatus.Conflict, WriteStatus.Conflict, WriteStatus.Written], batch.Select(w => w.Status));
        var taken = await RecordingTarget.ReplayAsync(first, "taken");
        Assert.Equal([Writes.Payload("taken", 1), Writes.Payload("taken", 2)], taken.Events.Select(e => e.Payload));
        Assert.Equal([3L], (await RecordingTarget.ReplayAsync(first, "late")).Events.Select(e => e.SequenceNr));
        Assert.Null(await first.LoadAsync("taken", CancellationToken.None));
        Assert.Null(await first.LoadAsync("late", CancellationToken.None));
        Assert.Equal(["b"], (await first.ReadDueAsync(At(60), 10, CancellationToken.None)).Select(r => r.PersistenceId));

        // The refused items took no shard numbers.
        var shard = await first.ReadShardAsync(1, 0, 100, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5], shard.Select(e => e.ShardSequenceNr));
        Assert.Equal(["taken", "taken", "a", "a", "b"], shard.Select(e => e.PersistenceId));

        // Having learnt the stored numbers, the loser's writer refuses further stale writes itself.
        var stale = await second.WriteBatchAsync(Writes.Numbered("taken", 1, 2, 1), Writes.Numbered("taken2", 1, 1, 1));
        Assert.Equal([WriteStatus.Conflict, WriteStatus.Written], stale.Select(w => w.Status));
    }

    /// <summary>
    /// Two nodes (two stores of two partitions each) write the same entities' next sequence numbers
    /// at once, each in its own seeded random order: every key is won by exactly one of them, the
    /// other sees Conflict (never a failure), the stored bytes are the winner's, and every shard
    /// reads 1..n without a gap or a repeat.
    /// </summary>
    [Theory]
    [InlineData(PostgresWriteMode.Copy, 20260301, 2_000)]
    [InlineData(PostgresWriteMode.Insert, 20260302, 2_000)]
    [InlineData(PostgresWriteMode.Adaptive, 20260303, 12)]
    public async Task Two_nodes_racing_for_the_same_sequence_numbers_each_key_is_won_by_exactly_one(PostgresWriteMode mode, int seed, int copyFromEvents)
    {
        const int entities = 160, rounds = 4, shards = 8, batchSize = 20;
        var options = _scope.Options("race", mode, partitions: 2) with { CopyFromEvents = copyFromEvents };
        var nodes = new[] { await _scope.OpenAsync(options), await _scope.OpenAsync(options) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<List<JournalWrite>> Claim(PostgresJournal node, byte tag, Random random)
        {
            await start.Task;
            var written = new List<JournalWrite>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var chunk in Enumerable.Range(0, entities).OrderBy(_ => random.Next()).Chunk(batchSize))
                {
                    var batch = chunk.Select(e => Writes.Events($"race|{e}", e % shards, round, [tag, (byte)round, (byte)e])).ToArray();
                    await node.WriteAsync(batch, CancellationToken.None);
                    written.AddRange(batch);
                }
            }

            return written;
        }

        var claims = nodes.Select((node, i) => Task.Run(() => Claim(node, (byte)(i + 1), new Random(seed + i)))).ToArray();
        start.SetResult();
        var writes = (await Task.WhenAll(claims)).SelectMany(w => w).ToList();

        var because = $"seed {seed}";
        Assert.All(writes, w => Assert.True(w.Status is WriteStatus.Written or WriteStatus.Conflict, $"{w.PersistenceId}@{w.FromSequenceNr}: {w.Status} {w.Error} ({because})"));
        foreach (var key in writes.GroupBy(w => (w.PersistenceId, w.FromSequenceNr)))
        {
            Assert.True(key.Count(w => w.Status == WriteStatus.Written) == 1, $"{key.Key} was not won exactly once ({because})");
        }

        var winners = writes.Where(w => w.Status == WriteStatus.Written).ToDictionary(w => (w.PersistenceId, w.FromSequenceNr), w => w.PayloadSpan(0).ToArray());
        for (var e = 0; e < entities; e++)
        {
            var (highest, events) = await RecordingTarget.ReplayAsync(nodes[0], $"race|{e}");
            Assert.True(highest == rounds, because);
            Assert.All(events, x => Assert.Equal(winners[($"race|{e}", x.SequenceNr)], x.Payload));
        }

        for (var shardId = 0; shardId < shards; shardId++)
        {
            var shard = await nodes[1].ReadShardAsync(shardId, 0, 10_000, CancellationToken.None);
            Assert.True(Enumerable.Range(1, entities / shards * rounds).Select(i => (long)i).SequenceEqual(shard.Select(s => s.ShardSequenceNr)), because);
        }
    }

    private static async Task InsertRowAsync(string schema, string persistenceId, long sequenceNr, int shardId)
    {
        await using var connection = await PostgresTestServer.ConnectAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {schema}.journal VALUES ($1, $2, $3, 1, now(), '\\x00'::bytea)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequenceNr });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shardId });
        await command.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset At(int minutes) => new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
