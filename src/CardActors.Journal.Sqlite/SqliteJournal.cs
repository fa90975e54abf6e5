using CardActors.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// The embedded store for a single node: journal, snapshots, reminders and pipeline offsets in one
/// SQLite file in WAL mode. One writer connection, on its own thread, writes each group-commit batch
/// as one transaction with one fsync; reads use a small pool of other connections and run beside it.
/// </summary>
public sealed class SqliteJournal : IPersistenceStore
{
    private readonly SqliteJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly SqliteReaderPool _readers;
    private readonly Lock _gate = new();
    private SqliteWriteLoop? _writer;
    private bool _disposed;

    public SqliteJournal(SqliteJournalOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _readers = new SqliteReaderPool(options);
    }

    public SqliteJournalOptions Options => _options;

    /// <summary>Opens the writer and creates or migrates the schema. Idempotent; must precede every other call.</summary>
    public ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return ValueTask.CompletedTask;
            }

            SqliteConnection? connection = null;
            try
            {
                connection = SqliteConnections.OpenWriter(_options);
                SqliteSchema.Migrate(connection, _time.GetUtcNow());
                _writer = new SqliteWriteLoop(new SqliteBatchWriter(connection), "CardActors SQLite writer");
            }
            catch (Exception exception)
            {
                connection?.Dispose();
                if (SqliteErrors.Translate(exception, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                throw;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Count == 0 ? ValueTask.CompletedTask : Writer.WriteAsync(batch, cancellationToken);
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(target);
        return ReadAsync((persistenceId, fromSequenceNr, target),
            static (reader, a, token) => reader.Replay(a.persistenceId, a.fromSequenceNr, a.target, token), cancellationToken);
    }

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return ReadAsync(persistenceId, static (reader, id, _) => reader.ReadHighestSequenceNr(id), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterShardSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return await ReadAsync((shardId, afterShardSequenceNr, maxCount),
            static (reader, a, token) => reader.ReadShard(a.shardId, a.afterShardSequenceNr, a.maxCount, token), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return ReadAsync(persistenceId, static (reader, id, _) => reader.LoadSnapshot(id), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return await ReadAsync((dueBy, maxCount), static (reader, a, _) => reader.ReadDue(a.dueBy, a.maxCount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last shard sequence number the pipeline has processed in the shard; 0 when it has processed none.</summary>
    public ValueTask<long> ReadOffsetAsync(string pipeline, int shardId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        return ReadAsync((pipeline, shardId), static (reader, a, _) => reader.ReadOffset(a.pipeline, a.shardId), cancellationToken);
    }

    /// <summary>
    /// Records that the pipeline has processed the shard up to <paramref name="offset"/> (a shard
    /// sequence number; it may also move back, to process again). Durable when the task completes.
    /// </summary>
    public ValueTask CommitOffsetAsync(string pipeline, int shardId, long offset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Writer.CommitOffsetAsync(pipeline, shardId, offset, cancellationToken);
    }

    private SqliteWriteLoop Writer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Volatile.Read(ref _writer) ?? throw new InvalidOperationException("Call InitializeAsync before using the SQLite journal.");
        }
    }

    private async ValueTask<T> ReadAsync<TArgs, T>(TArgs args, Func<SqliteReader, TArgs, CancellationToken, T> read, CancellationToken cancellationToken)
    {
        _ = Writer; // the schema exists only once initialized
        cancellationToken.ThrowIfCancellationRequested();
        var reader = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var reusable = true;
        try
        {
            using (SqliteErrors.InterruptOnCancel(reader.Connection.Handle!, cancellationToken))
            {
                return read(reader, args, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            reusable = exception is not SqliteException;
            if (SqliteErrors.Translate(exception, cancellationToken) is { } translated)
            {
                throw translated;
            }

            throw;
        }
        finally
        {
            _readers.Return(reader, reusable);
        }
    }

    /// <summary>Lets the writer finish what was submitted, then closes every connection.</summary>
    public ValueTask DisposeAsync()
    {
        SqliteWriteLoop? writer;
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
            writer = _writer;
        }

        writer?.Dispose();
        _readers.Dispose();
        return ValueTask.CompletedTask;
    }
}
