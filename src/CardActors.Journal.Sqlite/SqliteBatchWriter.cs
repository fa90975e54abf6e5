using CardActors.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// The single writer connection and its prepared statements; used by the writer thread only. A batch
/// is one IMMEDIATE transaction and one fsync. Each item is checked before it is inserted against its
/// entity's highest sequence number, so a conflicting item writes nothing and the others go on: under
/// the write lock nothing can change between the check and the insert. Measured against a SAVEPOINT
/// per item (the primary key detecting the conflict), the check is faster, since a steady writer has
/// the number cached and runs no extra statement per item, and it is equally exact. Events take the
/// next numbers of their shard from counters kept here, read from the table on a shard's first write.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private const int PrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly WriterStatements _sql;
    private readonly Dictionary<int, long> _shardCounters = [];
    private readonly Utf8Scratch _text = new();
    private WriteStatus[] _outcomes = new WriteStatus[64];
    private Exception?[] _errors = new Exception?[64];
    private long _generation;
    private long _seenDataVersion = -1;

    public SqliteBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _sql = new WriterStatements(connection);
    }

    /// <summary>
    /// Writes the batch in one transaction and completes every item, but only once the commit is
    /// durable: if anything fails, every item is left pending and the exception propagates.
    /// </summary>
    public void WriteBatch(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_outcomes.Length < batch.Count)
        {
            _outcomes = new WriteStatus[Math.Max(batch.Count, _outcomes.Length * 2)];
            _errors = new Exception?[_outcomes.Length];
        }

        using (SqliteErrors.InterruptOnCancel(_db, cancellationToken))
        {
            InTransaction(batch, static (writer, batch, token) =>
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    token.ThrowIfCancellationRequested();
                    writer.WriteItem(i, batch[i]);
                }
            }, cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(_outcomes[i], _errors[i]);
        }
    }

    public void CommitOffset(string pipeline, int shardId, long offset, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        InTransaction((pipeline, shardId, offset), static (writer, args, _) =>
        {
            writer._sql.UpsertOffset.BindText(1, writer._text.Encode(args.pipeline));
            writer._sql.UpsertOffset.Bind(2, args.shardId);
            writer._sql.UpsertOffset.Bind(3, args.offset);
            writer._sql.UpsertOffset.Execute();
        }, cancellationToken);
    }

    private void InTransaction<T>(T state, Action<SqliteBatchWriter, T, CancellationToken> body, CancellationToken cancellationToken)
    {
        _sql.Begin.Execute();
        try
        {
            ForgetIfAnotherWriterCommitted();
            body(this, state, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            _sql.Commit.Execute();
        }
        catch
        {
            Forget();
            if (raw.sqlite3_get_autocommit(_db) == 0)
            {
                try
                {
                    _sql.Rollback.Execute();
                }
                catch (SqliteException)
                {
                    // The original failure matters; the connection's own rollback covers this one.
                }
            }

            throw;
        }
    }

    private void WriteItem(int index, JournalWrite write)
    {
        _outcomes[index] = WriteStatus.Written;
        _errors[index] = null; // a failed batch may have left one here
        var id = _text.Encode(write.PersistenceId);
        var ticks = write.Timestamp.UtcTicks;
        if (write.EventCount > 0)
        {
            var entity = EntityOf(write, id);
            if (write.FromSequenceNr > entity.HighestSequenceNr + 1)
            {
                entity.HighestSequenceNr = ReadHighest(id); // the cache may lag another writer of this entity
            }

            if (write.FromSequenceNr <= entity.HighestSequenceNr)
            {
                _outcomes[index] = WriteStatus.Conflict;
                return;
            }

            if (write.FromSequenceNr != entity.HighestSequenceNr + 1)
            {
                _outcomes[index] = WriteStatus.Failed;
                _errors[index] = new InvalidOperationException(
                    $"Sequence gap for {write.PersistenceId}: next is {entity.HighestSequenceNr + 1}, write starts at {write.FromSequenceNr}.");
                return;
            }

            if (!InsertEvents(write, id))
            {
                entity.Generation = -1;
                _outcomes[index] = WriteStatus.Conflict;
                return;
            }

            entity.HighestSequenceNr = write.FromSequenceNr + write.EventCount - 1;
        }

        if (write.HasSnapshot)
        {
            _sql.UpsertSnapshot.BindText(1, id);
            _sql.UpsertSnapshot.Bind(2, write.SnapshotSequenceNr);
            _sql.UpsertSnapshot.Bind(3, ticks);
            _sql.UpsertSnapshot.BindBlob(4, write.SnapshotSpan);
            _sql.UpsertSnapshot.Execute();
        }

        switch (write.Reminder)
        {
            case ReminderChange.Set:
                _sql.UpsertReminder.BindText(1, id);
                _sql.UpsertReminder.Bind(2, write.ShardId);
                _sql.UpsertReminder.Bind(3, write.ReminderDueAt.UtcTicks);
                _sql.UpsertReminder.Execute();
                break;
            case ReminderChange.Clear:
                _sql.DeleteReminder.BindText(1, id);
                _sql.DeleteReminder.Execute();
                break;
        }
    }

    /// <summary>
    /// Inserts the item's events with the next numbers of their shard. False, with nothing stored,
    /// when the first key already exists: the entity's cached number lagged a write made through
    /// another <see cref="JournalWrite"/> (a second region on this store). The cache never runs
    /// ahead of the table and keys are contiguous, so a collision can only be on the first event;
    /// one on a later event is a fault and fails the batch.
    /// </summary>
    private bool InsertEvents(JournalWrite write, ReadOnlySpan<byte> id)
    {
        var shardSequenceNr = ShardCounter(write.ShardId);
        var ticks = write.Timestamp.UtcTicks;
        for (var e = 0; e < write.EventCount; e++)
        {
            _sql.InsertEvent.BindText(1, id);
            _sql.InsertEvent.Bind(2, write.FromSequenceNr + e);
            _sql.InsertEvent.Bind(3, write.ShardId);
            _sql.InsertEvent.Bind(4, shardSequenceNr + 1 + e);
            _sql.InsertEvent.Bind(5, ticks);
            _sql.InsertEvent.BindBlob(6, write.PayloadSpan(e));
            try
            {
                _sql.InsertEvent.Execute();
            }
            catch (SqliteException exception) when (e == 0 && exception.SqliteExtendedErrorCode == PrimaryKeyViolation)
            {
                return false; // the failed statement undid itself; the transaction goes on
            }
        }

        // Counted only once stored: a conflicting item consumes no numbers, so a shard has no gaps.
        _shardCounters[write.ShardId] = shardSequenceNr + write.EventCount;
        return true;
    }

    private EntityHandle EntityOf(JournalWrite write, ReadOnlySpan<byte> id)
    {
        if (write.StoreHandle is not EntityHandle entity || entity.Writer != this ||
            !string.Equals(entity.PersistenceId, write.PersistenceId, StringComparison.Ordinal))
        {
            entity = new EntityHandle(this, write.PersistenceId);
            write.StoreHandle = entity;
        }

        if (entity.Generation != _generation)
        {
            entity.HighestSequenceNr = ReadHighest(id);
            entity.Generation = _generation;
        }

        return entity;
    }

    private long ReadHighest(ReadOnlySpan<byte> id)
    {
        _sql.EntityHighest.BindText(1, id);
        return _sql.EntityHighest.ExecuteInt64(0);
    }

    private long ShardCounter(int shardId)
    {
        if (!_shardCounters.TryGetValue(shardId, out var highest))
        {
            _sql.ShardHighest.Bind(1, shardId);
            highest = _sql.ShardHighest.ExecuteInt64(0);
            _shardCounters.Add(shardId, highest);
        }

        return highest;
    }

    /// <summary>
    /// Another store instance on the same file (a second process, or a test) may have written since
    /// our last batch; then nothing cached can be trusted. <c>data_version</c> changes exactly when
    /// another connection commits, and under the write lock it cannot change until we commit.
    /// </summary>
    private void ForgetIfAnotherWriterCommitted()
    {
        var version = _sql.DataVersion.ExecuteInt64(0);
        if (version != _seenDataVersion)
        {
            Forget();
            _seenDataVersion = version;
        }
    }

    /// <summary>Drops every cached number: they are read again from the table on next use.</summary>
    private void Forget()
    {
        _generation++;
        _shardCounters.Clear();
    }

    public void Dispose()
    {
        _sql.Dispose();
        _connection.Dispose();
    }
}
