using CardActors.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// One read connection with its prepared queries. In WAL mode each query reads a consistent
/// snapshot beside the writer and never blocks it. Used by one caller at a time (see the pool).
/// </summary>
internal sealed class SqliteReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _replay, _highest, _shard, _snapshot, _due, _offset;
    private readonly Utf8Scratch _text = new();

    public SqliteReader(SqliteConnection connection)
    {
        _connection = connection;
        var prepared = new List<SqliteStatement>(6);
        try
        {
            _replay = Add(prepared, "SELECT sequence_nr, payload FROM journal WHERE persistence_id = ?1 AND sequence_nr >= ?2 ORDER BY sequence_nr");
            _highest = Add(prepared, "SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = ?1");
            _shard = Add(prepared, """
                SELECT shard_sequence_nr, persistence_id, sequence_nr, written_at, payload FROM journal
                WHERE shard_id = ?1 AND shard_sequence_nr > ?2 ORDER BY shard_sequence_nr LIMIT ?3
                """);
            _snapshot = Add(prepared, "SELECT sequence_nr, written_at, payload FROM snapshots WHERE persistence_id = ?1");
            _due = Add(prepared, """
                SELECT persistence_id, shard_id, due_at FROM reminders
                WHERE due_at <= ?1 ORDER BY due_at, persistence_id LIMIT ?2
                """);
            _offset = Add(prepared, """SELECT "offset" FROM pipeline_offsets WHERE pipeline = ?1 AND shard_id = ?2""");
        }
        catch
        {
            prepared.ForEach(s => s.Dispose());
            throw;
        }
    }

    public SqliteConnection Connection => _connection;

    /// <summary>Streams the rows straight from SQLite's page buffers into the target; nothing is collected.</summary>
    public long Replay(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        var highest = fromSequenceNr - 1;
        _replay.BindText(1, _text.Encode(persistenceId));
        _replay.Bind(2, fromSequenceNr);
        try
        {
            while (_replay.Step())
            {
                cancellationToken.ThrowIfCancellationRequested();
                highest = _replay.Int64(0);
                target.OnReplay(highest, _replay.Blob(1));
            }
        }
        finally
        {
            _replay.Reset();
        }

        return highest;
    }

    public long ReadHighestSequenceNr(string persistenceId)
    {
        _highest.BindText(1, _text.Encode(persistenceId));
        return _highest.ExecuteInt64(0);
    }

    public List<ShardEvent> ReadShard(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        var events = new List<ShardEvent>(Math.Min(maxCount, 64)); // a follower polling idle shards mostly finds nothing
        _shard.Bind(1, shardId);
        _shard.Bind(2, afterShardSequenceNr);
        _shard.Bind(3, maxCount);
        try
        {
            while (_shard.Step())
            {
                cancellationToken.ThrowIfCancellationRequested();
                events.Add(new ShardEvent(shardId, _shard.Int64(0), _shard.Text(1), _shard.Int64(2),
                    new DateTimeOffset(_shard.Int64(3), TimeSpan.Zero), _shard.Blob(4).ToArray()));
            }
        }
        finally
        {
            _shard.Reset();
        }

        return events;
    }

    public SnapshotRecord? LoadSnapshot(string persistenceId)
    {
        _snapshot.BindText(1, _text.Encode(persistenceId));
        try
        {
            return _snapshot.Step()
                ? new SnapshotRecord(persistenceId, _snapshot.Int64(0), new DateTimeOffset(_snapshot.Int64(1), TimeSpan.Zero), _snapshot.Blob(2).ToArray())
                : null;
        }
        finally
        {
            _snapshot.Reset();
        }
    }

    public List<DueReminder> ReadDue(DateTimeOffset dueBy, int maxCount)
    {
        var due = new List<DueReminder>();
        _due.Bind(1, dueBy.UtcTicks);
        _due.Bind(2, maxCount);
        try
        {
            while (_due.Step())
            {
                due.Add(new DueReminder(_due.Text(0), _due.Int32(1), new DateTimeOffset(_due.Int64(2), TimeSpan.Zero)));
            }
        }
        finally
        {
            _due.Reset();
        }

        return due;
    }

    public long ReadOffset(string pipeline, int shardId)
    {
        _offset.BindText(1, _text.Encode(pipeline));
        _offset.Bind(2, shardId);
        return _offset.ExecuteInt64(0);
    }

    private SqliteStatement Add(List<SqliteStatement> prepared, string sql)
    {
        var statement = new SqliteStatement(_connection, sql);
        prepared.Add(statement);
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _replay, _highest, _shard, _snapshot, _due, _offset })
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }
}
