using System.Data;
using CardActors.Runtime.Persistence;
using Npgsql;

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
    private readonly IBatchSender _sender;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WriteRound _round = new();
    private readonly ShardCounters _shards = new();
    private readonly RoundSelector _rounds = new();
    private readonly KnowledgeLookup _lookup;
    private readonly BatchTurns _turns;
    private NpgsqlConnection? _connection;
    private long _generation;
    private bool _verifyAll;
    private bool _disposed;

    public PartitionWriter(NpgsqlDataSource dataSource, PostgresSql sql, PostgresJournalOptions options, BatchTurns turns)
    {
        _dataSource = dataSource;
        _turns = turns;
        _lookup = new KnowledgeLookup(sql);
        _sender = options.WriteMode switch
        {
            PostgresWriteMode.Copy => new CopyBatchSender(sql),
            PostgresWriteMode.Insert => new InsertBatchSender(sql),
            _ => new AdaptiveBatchSender(sql, options.CopyFromEvents),
        };
    }

    /// <summary>
    /// Writes the batch in as few transactions as its items allow (more than one only when one entity
    /// appears twice) and completes each item once its outcome is certain. Throws when the store
    /// failed; items not yet completed then have no known outcome.
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var turn = false;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_turns.IsSmall(batch.Count))
            {
                await _turns.EnterAsync(cancellationToken).ConfigureAwait(false);
                turn = true;
            }

            cancellationToken.ThrowIfCancellationRequested();
            _rounds.Begin(batch.Count);
            _round.Begin(batch);
            while (_rounds.Next(batch))
            {
                await WriteRoundAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (turn)
            {
                _turns.Leave();
            }

            _round.Begin([]);
            _gate.Release();
        }
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
                _shards.GiveBack();
                if (attempt == MaxAttempts)
                {
                    throw new JournalUnavailableException($"A batch collided with other writers {MaxAttempts} times in a row.", exception);
                }

                // Nothing was stored. A taken shard position means another writer numbered this
                // partition's shards; a taken key, that an entity here is written elsewhere too.
                _shards.Forget();
                _verifyAll |= exception.SqlState != PostgresErrors.UniqueViolation || exception.ConstraintName != ShardIndex;

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
        _lookup.Clear();
        foreach (var i in _rounds.Candidates)
        {
            var write = batch[i];
            if (write.EventCount == 0 || _rounds.IsSettled(i)) // settled: refused by an earlier attempt
            {
                continue;
            }

            var entity = HandleOf(write);
            var known = entity.Generation == _generation && !_verifyAll;
            if (known ? write.FromSequenceNr > entity.HighestSequenceNr + 1 : write.FromSequenceNr != 1 || _verifyAll)
            {
                _lookup.AddEntity(i, write.PersistenceId);
            }

            if (!_shards.IsKnown(write.ShardId))
            {
                _lookup.AddShard(write.ShardId);
            }
        }

        if (!_lookup.IsEmpty)
        {
            await _lookup.ReadAsync(connection, batch, _shards, _generation, cancellationToken).ConfigureAwait(false);
        }

        _verifyAll = false;
        foreach (var i in _rounds.Candidates)
        {
            var write = batch[i];
            if (_rounds.IsSettled(i))
            {
                continue;
            }

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

            _round.Include(i, _shards.Take(write.ShardId, write.EventCount));
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

        _shards.Keep();
    }

    private void Settle(int index, WriteStatus status, Exception? error = null)
    {
        _rounds.Settle(index);
        _round.Batch[index].Complete(status, error);
    }

    /// <summary>
    /// After a failure whose outcome is unknown (the commit may or may not have happened) nothing
    /// cached can be trusted: a new generation forgets every entity's number and every shard's.
    /// </summary>
    private async ValueTask FailAsync(Exception exception)
    {
        _shards.Forget();
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
