using System.Buffers;
using System.Runtime.CompilerServices;
using CardActors.Runtime.Persistence;
using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>The store's queries, each on a pooled connection it is handed. Stateless apart from its statements' text.</summary>
internal sealed class PostgresReader(PostgresSql sql, int replayChunkSize)
{
    /// <summary>
    /// Streams an entity's events to the target in chunks of <c>replayChunkSize</c> (keyset paging on
    /// the primary key), each payload copied into one reused buffer: a long history is never held
    /// in memory at once, neither here nor in the server's result.
    /// </summary>
    public async Task<long> ReplayAsync(NpgsqlConnection connection, string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        var highest = fromSequenceNr - 1;
        var next = Math.Max(1, fromSequenceNr);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                await using var command = new NpgsqlCommand(sql.Replay, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = replayChunkSize });
                var rows = 0;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var sequenceNr = reader.GetInt64(0);
                        target.OnReplay(sequenceNr, ReadPayload(reader, 1, ref buffer));
                        highest = sequenceNr;
                        rows++;
                    }
                }

                if (rows < replayChunkSize)
                {
                    return highest;
                }

                next = highest + 1;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Recovers the targets with one query (snapshots and up to <c>replayChunkSize</c> events each);
    /// an entity with more events after its snapshot than that goes on with <see cref="ReplayAsync"/>.
    /// </summary>
    /// <param name="delivered">Set before the first row is handed to a target.</param>
    public async Task<int> RecoverAsync(NpgsqlConnection connection, IReadOnlyList<IRecoveryTarget> targets, StrongBox<bool> delivered,
        CancellationToken cancellationToken)
    {
        var ids = new string[targets.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = targets[i].PersistenceId;
        }

        var replayed = new int[ids.Length];
        var highest = new long[ids.Length];
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            await using (var command = new NpgsqlCommand(sql.Recover, connection))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = replayChunkSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var index = checked((int)reader.GetInt64(0) - 1);
                    var sequenceNr = reader.GetInt64(2);
                    var payload = ReadPayload(reader, 3, ref buffer);
                    delivered.Value = true;
                    if (reader.GetInt32(1) == 0)
                    {
                        targets[index].OnSnapshot(sequenceNr, payload);
                    }
                    else
                    {
                        targets[index].OnReplay(sequenceNr, payload);
                        replayed[index]++;
                        highest[index] = sequenceNr;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (replayed[i] == replayChunkSize)
            {
                await ReplayAsync(connection, ids[i], highest[i] + 1, targets[i], cancellationToken).ConfigureAwait(false);
            }
        }

        return ids.Length;
    }

    /// <summary>The bytea column's value, copied into <paramref name="buffer"/> (grown from the pool when too small).</summary>
    private static ReadOnlySpan<byte> ReadPayload(NpgsqlDataReader reader, int ordinal, ref byte[] buffer)
    {
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        reader.GetBytes(ordinal, 0, buffer, 0, length);
        return buffer.AsSpan(0, length);
    }

    public async Task<long> ReadHighestSequenceNrAsync(NpgsqlConnection connection, string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.Highest, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<ShardEvent>> ReadShardAsync(NpgsqlConnection connection, int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.ReadShard, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shardId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterShardSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        var events = new List<ShardEvent>(Math.Min(maxCount, 64)); // a follower polling idle shards mostly finds nothing
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new ShardEvent(shardId, reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<byte[]>(4)));
        }

        return events;
    }

    public async Task<SnapshotRecord?> LoadSnapshotAsync(NpgsqlConnection connection, string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.LoadSnapshot, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SnapshotRecord(persistenceId, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<byte[]>(2))
            : null;
    }

    public async Task<IReadOnlyList<DueReminder>> ReadDueAsync(NpgsqlConnection connection, DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.ReadDue, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = dueBy.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        var due = new List<DueReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueReminder(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return due;
    }

    public async Task<long> ReadOffsetAsync(NpgsqlConnection connection, string pipeline, int shardId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.ReadOffset, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pipeline });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shardId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long offset ? offset : 0;
    }

    /// <summary>Autocommit: durable when it returns.</summary>
    public async Task<bool> CommitOffsetAsync(NpgsqlConnection connection, string pipeline, int shardId, long offset, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.CommitOffset, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pipeline });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shardId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
