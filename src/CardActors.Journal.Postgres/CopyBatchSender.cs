using Npgsql;
using NpgsqlTypes;

namespace CardActors.Journal.Postgres;

/// <summary>
/// Sends a round's events by binary COPY straight into the journal table. A round of events alone
/// is one COPY in autocommit: its completion is the commit. A round that also carries snapshots or
/// reminders wraps the COPY and their statements in one transaction. A key taken by another
/// writer aborts the whole COPY, so no item is ever stored in part (the partition writer then finds
/// the conflicting items and writes again).
/// </summary>
internal sealed class CopyBatchSender(PostgresSql sql) : IBatchSender
{
    private readonly SideStatements _side = new(sql);

    public async ValueTask SendAsync(NpgsqlConnection connection, WriteRound round, CancellationToken cancellationToken)
    {
        if (round.IsEmpty)
        {
            return;
        }

        NpgsqlTransaction? transaction = null;
        try
        {
            if (round.EventCount > 0 && round.HasSideRows)
            {
                transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }

            if (round.EventCount > 0)
            {
                await CopyEventsAsync(connection, round, cancellationToken).ConfigureAwait(false);
            }

            if (round.HasSideRows)
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                _side.AddTo(batch, round);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _side.Clear();
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask CopyEventsAsync(NpgsqlConnection connection, WriteRound round, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(sql.CopyJournal, cancellationToken).ConfigureAwait(false);
        foreach (var index in round.Included)
        {
            var write = round.Batch[index];
            var shardSequenceNr = round.FirstShardSequenceNr(index);
            for (var e = 0; e < write.EventCount; e++)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(write.PersistenceId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(write.FromSequenceNr + e, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(write.ShardId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(shardSequenceNr + e, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(write.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(write.Payload(e), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
