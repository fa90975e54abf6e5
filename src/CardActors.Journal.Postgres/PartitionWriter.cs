using System.Data;
using System.Runtime.InteropServices;
using CardActors.Runtime.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Journal.Postgres;

/// <summary>
/// One partition's writer: its own connection and its own knowledge of shard positions and entity
/// sequence numbers, one batch at a time. Fencing is checked against that knowledge, so a steady
/// writer sends each batch without reading anything first; what it does not know (an entity met
/// for the first time past its first event, a shard not yet written) it reads in one round trip.
/// Another node's concurrent write shows up as a unique-key violation, which aborts the whole
/// transaction: the writer then reads what it must, settles the conflicting items, and writes the
/// rest again. So an item is stored whole or not at all, and a refused item takes no shard numbers.
/// </summary>
internal sealed class PartitionWriter : IAsyncDisposable
{
    private const int MaxAttempts = 16;
    private const string ShardIndex = "journal_by_shard";
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSql _sql;
    private readonly IBatchSender _sender;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WriteRound _round = new();
    private readonly Dictionary<int, long> _shardCounters = [];
    private readonly List<(int Shard, long Before)> _assigned = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _snapshotIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reminderIds = new(StringComparer.Ordinal);
    private readonly List<int> _candidates = [];
    private readonly List<int> _verify = [];
    private readonly List<string> _verifyIds = [];
    private readonly List<int> _missingShards = [];
    private readonly HashSet<int> _missingShardSet = [];
    private bool[] _done = new bool[64];
    private NpgsqlConnection? _connection;
    private long _generation;
    private bool _verifyAll;
    private bool _disposed;

    public PartitionWriter(NpgsqlDataSource dataSource, PostgresSql sql, PostgresWriteMode mode)
    {
        _dataSource = dataSource;
        _sql = sql;
        _sender = mode == PostgresWriteMode.Copy ? new CopyBatchSender(sql) : new InsertBatchSender(sql);
    }

    /// <summary>
    /// Writes the batch in as few transactions as its items allow (more than one only when one entity
    /// appears twice) and completes each item once its outcome is certain. Throws when the store
    /// failed; items not yet completed then have no known outcome.
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            Begin(batch);
            while (NextRound(batch))
            {
                await WriteRoundAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _round.Begin([]);
            _gate.Release();
        }
    }

    private void Begin(IReadOnlyList<JournalWrite> batch)
    {
        if (_done.Length < batch.Count)
        {
            _done = new bool[Math.Max(batch.Count, _done.Length * 2)];
        }

        Array.Clear(_done, 0, batch.Count);
        _round.Begin(batch);
    }

    /// <summary>Picks the items not yet done whose entity has no other item in the round (a repeat waits for the next round).</summary>
    private bool NextRound(IReadOnlyList<JournalWrite> batch)
    {
        _candidates.Clear();
        _eventIds.Clear();
        _snapshotIds.Clear();
        _reminderIds.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (_done[i])
            {
                continue;
            }

            var write = batch[i];
            var id = write.PersistenceId;
            if ((write.EventCount > 0 && _eventIds.Contains(id)) || (write.HasSnapshot && _snapshotIds.Contains(id)) ||
                (write.Reminder != ReminderChange.None && _reminderIds.Contains(id)))
            {
                continue;
            }

            _ = write.EventCount > 0 && _eventIds.Add(id);
            _ = write.HasSnapshot && _snapshotIds.Add(id);
            _ = write.Reminder != ReminderChange.None && _reminderIds.Add(id);
            _candidates.Add(i);
        }

        return _candidates.Count > 0;
    }

    private async ValueTask WriteRoundAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await PlanAsync(connection, batch, cancellationToken).ConfigureAwait(false);
                await _sender.SendAsync(connection, _round, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (PostgresErrors.IsContention(exception) && !cancellationToken.IsCancellationRequested)
            {
                Unassign();
                if (attempt == MaxAttempts)
                {
                    throw new JournalUnavailableException($"A batch collided with other writers {MaxAttempts} times in a row.", exception);
                }

                // Nothing was stored. A taken shard position means another writer numbered this
                // partition's shards; a taken key, that an entity here is written elsewhere too.
                if (exception.SqlState == PostgresErrors.UniqueViolation && exception.ConstraintName == ShardIndex)
                {
                    _shardCounters.Clear();
                }
                else
                {
                    _shardCounters.Clear();
                    _verifyAll = true;
                }

                continue;
            }
            catch (Exception exception)
            {
                await FailAsync(exception).ConfigureAwait(false);
                var translated = PostgresErrors.Translate(exception, cancellationToken);
                if (translated is null)
                {
                    throw;
                }

                throw translated;
            }

            Committed();
            return;
        }
    }

    /// <summary>Settles what can be settled from what is known (reading first what is not), and numbers the rest.</summary>
    private async ValueTask PlanAsync(NpgsqlConnection connection, IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        _round.Clear();
        _assigned.Clear();
        _verify.Clear();
        _verifyIds.Clear();
        _missingShards.Clear();
        _missingShardSet.Clear();
        foreach (var i in _candidates)
        {
            var write = batch[i];
            if (write.EventCount == 0)
            {
                continue;
            }

            var entity = HandleOf(write);
            var known = entity.Generation == _generation && !_verifyAll;
            if (known ? write.FromSequenceNr > entity.HighestSequenceNr + 1 : write.FromSequenceNr != 1 || _verifyAll)
            {
                _verify.Add(i);
                _verifyIds.Add(write.PersistenceId);
            }

            if (!_shardCounters.ContainsKey(write.ShardId) && _missingShardSet.Add(write.ShardId))
            {
                _missingShards.Add(write.ShardId);
            }
        }

        if (_verify.Count > 0 || _missingShards.Count > 0)
        {
            await LookUpAsync(connection, batch, cancellationToken).ConfigureAwait(false);
        }

        _verifyAll = false;
        foreach (var i in _candidates)
        {
            var write = batch[i];
            if (write.EventCount == 0)
            {
                _round.Include(i, 0);
                continue;
            }

            var entity = (EntityHandle)write.StoreHandle!;
            if (entity.Generation == _generation)
            {
                if (write.FromSequenceNr <= entity.HighestSequenceNr)
                {
                    Settle(i, WriteStatus.Conflict);
                    continue;
                }

                if (write.FromSequenceNr != entity.HighestSequenceNr + 1)
                {
                    Settle(i, WriteStatus.Failed, new InvalidOperationException(
                        $"Sequence gap for {write.PersistenceId}: next is {entity.HighestSequenceNr + 1}, write starts at {write.FromSequenceNr}."));
                    continue;
                }
            }

            ref var counter = ref CollectionsMarshal.GetValueRefOrNullRef(_shardCounters, write.ShardId);
            _assigned.Add((write.ShardId, counter));
            _round.Include(i, counter + 1);
            counter += write.EventCount;
        }
    }

    /// <summary>One round trip: the highest sequence number of the entities in doubt and the last position of new shards.</summary>
    private async ValueTask LookUpAsync(NpgsqlConnection connection, IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlBatch(connection);
        if (_verifyIds.Count > 0)
        {
            lookup.BatchCommands.Add(SideStatements.Command(_sql.EntityHighest, SideStatements.Array(_verifyIds, NpgsqlDbType.Text)));
        }

        if (_missingShards.Count > 0)
        {
            lookup.BatchCommands.Add(SideStatements.Command(_sql.ShardHighest, SideStatements.Array(_missingShards, NpgsqlDbType.Integer)));
        }

        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (_verifyIds.Count > 0)
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entity = (EntityHandle)batch[_verify[(int)reader.GetInt64(0) - 1]].StoreHandle!;
                entity.HighestSequenceNr = reader.GetInt64(1);
                entity.Generation = _generation;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_missingShards.Count > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _shardCounters[reader.GetInt32(0)] = reader.GetInt64(1);
        }
    }

    private void Committed()
    {
        var batch = _round.Batch;
        foreach (var i in _round.Included)
        {
            var write = batch[i];
            if (write.EventCount > 0)
            {
                var entity = (EntityHandle)write.StoreHandle!;
                entity.HighestSequenceNr = write.FromSequenceNr + write.EventCount - 1;
                entity.Generation = _generation;
            }

            Settle(i, WriteStatus.Written);
        }

        _assigned.Clear();
    }

    private void Settle(int index, WriteStatus status, Exception? error = null)
    {
        _done[index] = true;
        _round.Batch[index].Complete(status, error);
    }

    /// <summary>Gives back the shard numbers of a transaction that stored nothing.</summary>
    private void Unassign()
    {
        for (var i = _assigned.Count - 1; i >= 0; i--)
        {
            _shardCounters[_assigned[i].Shard] = _assigned[i].Before;
        }

        _assigned.Clear();
    }

    /// <summary>
    /// After a failure whose outcome is unknown (the commit may or may not have happened) nothing
    /// cached can be trusted: a new generation forgets every entity's number and every shard's.
    /// </summary>
    private async ValueTask FailAsync(Exception exception)
    {
        _assigned.Clear();
        _shardCounters.Clear();
        _generation++;
        if (exception is not PostgresException || _connection?.State != ConnectionState.Open)
        {
            await DropConnectionAsync().ConfigureAwait(false);
        }

        if (PostgresErrors.IsConnectionLost(exception))
        {
            _dataSource.Clear();
        }
    }

    private EntityHandle HandleOf(JournalWrite write)
    {
        if (write.StoreHandle is EntityHandle entity && ReferenceEquals(entity.Writer, this) &&
            string.Equals(entity.PersistenceId, write.PersistenceId, StringComparison.Ordinal))
        {
            return entity;
        }

        entity = new EntityHandle(this, write.PersistenceId);
        write.StoreHandle = entity;
        return entity;
    }

    private async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: ConnectionState.Open } open)
        {
            return open;
        }

        await DropConnectionAsync().ConfigureAwait(false);
        _connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    private async ValueTask DropConnectionAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the batch in flight, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _sender.Dispose();
                await DropConnectionAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
