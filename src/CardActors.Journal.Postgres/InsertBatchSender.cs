using Npgsql;
using NpgsqlTypes;

namespace CardActors.Journal.Postgres;

/// <summary>
/// Sends a round as one pipelined batch: a multi-row INSERT of the events from array parameters,
/// then the snapshot and reminder statements. A batch without an explicit transaction runs as one
/// implicit transaction, committed when its last statement completes: one round trip, one commit.
/// No ON CONFLICT: a key taken by another writer must abort the whole transaction, so that no item
/// is ever stored in part (the partition writer then finds the conflicting items and writes again).
/// </summary>
internal sealed class InsertBatchSender(PostgresSql sql) : IBatchSender
{
    private readonly SideStatements _side = new(sql);
    private readonly List<string> _ids = [];
    private readonly List<long> _sequenceNrs = [];
    private readonly List<int> _shards = [];
    private readonly List<long> _shardSequenceNrs = [];
    private readonly List<DateTimeOffset> _times = [];
    private readonly List<ReadOnlyMemory<byte>> _payloads = [];

    public async ValueTask SendAsync(NpgsqlConnection connection, WriteRound round, CancellationToken cancellationToken)
    {
        if (round.IsEmpty)
        {
            return;
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection);
            if (round.EventCount > 0)
            {
                Fill(round);
                batch.BatchCommands.Add(SideStatements.Command(sql.InsertJournal,
                    SideStatements.Array(_ids, NpgsqlDbType.Text), SideStatements.Array(_sequenceNrs, NpgsqlDbType.Bigint),
                    SideStatements.Array(_shards, NpgsqlDbType.Integer), SideStatements.Array(_shardSequenceNrs, NpgsqlDbType.Bigint),
                    SideStatements.Array(_times, NpgsqlDbType.TimestampTz), SideStatements.Array(_payloads, NpgsqlDbType.Bytea)));
            }

            _side.AddTo(batch, round);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Clear();
        }
    }

    private void Fill(WriteRound round)
    {
        foreach (var index in round.Included)
        {
            var write = round.Batch[index];
            var shardSequenceNr = round.FirstShardSequenceNr(index);
            for (var e = 0; e < write.EventCount; e++)
            {
                _ids.Add(write.PersistenceId);
                _sequenceNrs.Add(write.FromSequenceNr + e);
                _shards.Add(write.ShardId);
                _shardSequenceNrs.Add(shardSequenceNr + e);
                _times.Add(write.Timestamp);
                _payloads.Add(write.Payload(e));
            }
        }
    }

    private void Clear()
    {
        _ids.Clear();
        _sequenceNrs.Clear();
        _shards.Clear();
        _shardSequenceNrs.Clear();
        _times.Clear();
        _payloads.Clear();
        _side.Clear();
    }

    public void Dispose()
    {
    }
}
