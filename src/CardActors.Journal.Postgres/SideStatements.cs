using CardActors.Runtime.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Journal.Postgres;

/// <summary>
/// The snapshot and reminder rows of a round, as array-parameter statements added to a pipelined
/// batch: one statement per kind whatever the number of rows. The lists are reused from round to
/// round; the statement objects are small and made anew.
/// </summary>
internal sealed class SideStatements(PostgresSql sql)
{
    private readonly List<string> _snapshotIds = [];
    private readonly List<long> _snapshotSequenceNrs = [];
    private readonly List<DateTimeOffset> _snapshotTimes = [];
    private readonly List<ReadOnlyMemory<byte>> _snapshotPayloads = [];
    private readonly List<string> _reminderIds = [];
    private readonly List<int> _reminderShards = [];
    private readonly List<DateTimeOffset> _reminderDueAt = [];
    private readonly List<string> _clearedIds = [];

    /// <summary>Adds the round's side statements to the batch; <see cref="Clear"/> once it ran.</summary>
    public void AddTo(NpgsqlBatch batch, WriteRound round)
    {
        foreach (var index in round.Included)
        {
            var write = round.Batch[index];
            if (write.HasSnapshot)
            {
                _snapshotIds.Add(write.PersistenceId);
                _snapshotSequenceNrs.Add(write.SnapshotSequenceNr);
                _snapshotTimes.Add(write.Timestamp);
                _snapshotPayloads.Add(write.SnapshotPayload);
            }

            switch (write.Reminder)
            {
                case ReminderChange.Set:
                    _reminderIds.Add(write.PersistenceId);
                    _reminderShards.Add(write.ShardId);
                    _reminderDueAt.Add(write.ReminderDueAt.ToUniversalTime());
                    break;
                case ReminderChange.Clear:
                    _clearedIds.Add(write.PersistenceId);
                    break;
            }
        }

        if (_snapshotIds.Count > 0)
        {
            batch.BatchCommands.Add(Command(sql.UpsertSnapshots,
                Array(_snapshotIds, NpgsqlDbType.Text), Array(_snapshotSequenceNrs, NpgsqlDbType.Bigint),
                Array(_snapshotTimes, NpgsqlDbType.TimestampTz), Array(_snapshotPayloads, NpgsqlDbType.Bytea)));
        }

        if (_reminderIds.Count > 0)
        {
            batch.BatchCommands.Add(Command(sql.UpsertReminders,
                Array(_reminderIds, NpgsqlDbType.Text), Array(_reminderShards, NpgsqlDbType.Integer), Array(_reminderDueAt, NpgsqlDbType.TimestampTz)));
        }

        if (_clearedIds.Count > 0)
        {
            batch.BatchCommands.Add(Command(sql.DeleteReminders, Array(_clearedIds, NpgsqlDbType.Text)));
        }
    }

    /// <summary>Lets go of the round's payloads (they belong to the writes, which are reused).</summary>
    public void Clear()
    {
        _snapshotIds.Clear();
        _snapshotSequenceNrs.Clear();
        _snapshotTimes.Clear();
        _snapshotPayloads.Clear();
        _reminderIds.Clear();
        _reminderShards.Clear();
        _reminderDueAt.Clear();
        _clearedIds.Clear();
    }

    public static NpgsqlBatchCommand Command(string text, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(text);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter<List<T>> Array<T>(List<T> values, NpgsqlDbType elementType) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
