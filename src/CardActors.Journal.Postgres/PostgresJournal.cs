using System.Runtime.CompilerServices;
using CardActors.Runtime.Persistence;
using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>
/// The clustered, durable store: journal, snapshots, reminders and pipeline offsets in PostgreSQL.
/// Writes go through <see cref="Partitions"/>, independent group-commit writers with a connection
/// each, every batch one transaction with a real commit (<c>synchronous_commit</c> is left as the
/// server has it: on). Reads use a pool of connections of their own, so that however many reads
/// are waiting (a node restarted under load recovers thousands of entities) a writer that must
/// open its connection never waits behind them. An unreachable, failing or slow server makes
/// calls fail fast with <see cref="JournalUnavailableException"/>; once it is back, the next call
/// works (broken connections are replaced, statements prepared anew).
/// </summary>
public sealed class PostgresJournal : IPersistenceStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _writeSource;
    private readonly PostgresSql _sql;
    private readonly PostgresReader _reader;
    private readonly PostgresPartition[] _partitions;
    private readonly BatchTurns _turns;
    private volatile bool _initialized;
    private int _disposed;

    public PostgresJournal(PostgresJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _dataSource = NpgsqlDataSource.Create(options.EffectiveConnectionString(options.MaxReadConnections));
        _writeSource = NpgsqlDataSource.Create(options.EffectiveConnectionString(options.Partitions));
        _sql = new PostgresSql(options.Schema);
        _reader = new PostgresReader(_sql, options.ReplayChunkSize);
        _partitions = new PostgresPartition[options.Partitions];
        _turns = new BatchTurns(options.Partitions > 1 ? options.SmallBatchWrites : 0); // one partition: no one to take turns with
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new PostgresPartition(this, new PartitionWriter(_writeSource, _sql, options, _turns));
        }
    }

    public PostgresJournalOptions Options { get; }

    /// <summary>
    /// The journal partitions, for <see cref="JournalWriterGroup"/>: it sends shard s to partition
    /// s mod count, so a shard is always numbered by the same writer.
    /// </summary>
    public IReadOnlyList<IJournal> Partitions => _partitions;

    /// <summary>Creates or migrates the schema (safe when several nodes start at once). Idempotent; must precede every other call.</summary>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_initialized)
        {
            return;
        }

        await WithConnectionAsync(Options.Schema, static (_, connection, schema, token) => PostgresSchema.MigrateAsync(connection, schema, token),
            retries: 0, cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <summary>
    /// Writes through the partitions that own the items' shards, all at once; a caller that writes
    /// through <see cref="Partitions"/> (the kernel) sends each partition its own batches instead.
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_partitions.Length == 1)
        {
            await _partitions[0].WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parts = new List<JournalWrite>?[_partitions.Length];
        foreach (var write in batch)
        {
            (parts[PartitionOf(write.ShardId)] ??= []).Add(write);
        }

        var writes = new List<Task>(parts.Length);
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p] is { } part)
            {
                writes.Add(_partitions[p].WriteAsync(part, cancellationToken).AsTask());
            }
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    public int PartitionOf(int shardId) => (int)((uint)shardId % (uint)_partitions.Length);

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(target);
        return ReadAsync((persistenceId, fromSequenceNr, target),
            static (r, c, a, t) => r.ReplayAsync(c, a.persistenceId, a.fromSequenceNr, a.target, t), cancellationToken, mayRetry: static _ => false);
    }

    /// <summary>
    /// One query for the snapshots and events of every target (<see cref="PostgresSql.Recover"/>).
    /// Tried once more on a fresh connection when the pooled one turns out to be dead, but only
    /// while no target has received anything: a target must never be handed the same rows twice.
    /// </summary>
    public async ValueTask RecoverAsync(IReadOnlyList<IRecoveryTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count > 0)
        {
            await ReadAsync((targets, delivered: new StrongBox<bool>()), static (r, c, a, t) => r.RecoverAsync(c, a.targets, a.delivered, t),
                cancellationToken, mayRetry: static a => !a.delivered.Value).ConfigureAwait(false);
        }
    }

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return ReadAsync(persistenceId, static (r, c, id, t) => r.ReadHighestSequenceNrAsync(c, id, t), cancellationToken);
    }

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterShardSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadAsync((shardId, afterShardSequenceNr, maxCount),
            static (r, c, a, t) => r.ReadShardAsync(c, a.shardId, a.afterShardSequenceNr, a.maxCount, t), cancellationToken);
    }

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return ReadAsync(persistenceId, static (r, c, id, t) => r.LoadSnapshotAsync(c, id, t), cancellationToken);
    }

    public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadAsync((dueBy, maxCount), static (r, c, a, t) => r.ReadDueAsync(c, a.dueBy, a.maxCount, t), cancellationToken);
    }

    /// <summary>The last shard sequence number the pipeline has processed in the shard; 0 when it has processed none.</summary>
    public ValueTask<long> ReadOffsetAsync(string pipeline, int shardId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        return ReadAsync((pipeline, shardId), static (r, c, a, t) => r.ReadOffsetAsync(c, a.pipeline, a.shardId, t), cancellationToken);
    }

    /// <summary>
    /// Records that the pipeline has processed the shard up to <paramref name="offset"/> (a shard
    /// sequence number; it may also move back, to process again). Durable when the task completes.
    /// </summary>
    public async ValueTask CommitOffsetAsync(string pipeline, int shardId, long offset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await ReadAsync((pipeline, shardId, offset),
            static (r, c, a, t) => r.CommitOffsetAsync(c, a.pipeline, a.shardId, a.offset, t), cancellationToken, mayRetry: static _ => false).ConfigureAwait(false);
    }

    internal void ThrowUnlessInitialized()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the PostgreSQL journal.");
        }
    }

    /// <summary>
    /// Runs a query on a pooled connection, tried once more when the connection turns out to be dead
    /// (the pool is emptied first) unless <paramref name="mayRetry"/> says no for what the failed
    /// attempt left behind: after a server restart every idle pooled connection is dead, and a retry
    /// on a fresh one saves the caller a failure. A query that is not idempotent passes one that
    /// always says no.
    /// </summary>
    private ValueTask<T> ReadAsync<TArgs, T>(TArgs args, Func<PostgresReader, NpgsqlConnection, TArgs, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken, Func<TArgs, bool>? mayRetry = null)
    {
        ThrowUnlessInitialized();
        return WithConnectionAsync(args, read, retries: 1, cancellationToken, mayRetry);
    }

    private async ValueTask<T> WithConnectionAsync<TArgs, T>(TArgs args, Func<PostgresReader, NpgsqlConnection, TArgs, CancellationToken, Task<T>> run,
        int retries, CancellationToken cancellationToken, Func<TArgs, bool>? mayRetry = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await run(_reader, connection, args, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var lost = PostgresErrors.IsConnectionLost(exception);
                if (lost)
                {
                    _dataSource.Clear();
                }

                var translated = PostgresErrors.Translate(exception, cancellationToken);
                if (lost && attempt < retries && translated is JournalUnavailableException && (mayRetry is null || mayRetry(args)))
                {
                    continue;
                }

                if (translated is null)
                {
                    throw;
                }

                throw translated;
            }
        }
    }

    /// <summary>Lets each partition finish its batch in flight, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var partition in _partitions)
        {
            await partition.Writer.DisposeAsync().ConfigureAwait(false);
        }

        _turns.Dispose();
        await _writeSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
