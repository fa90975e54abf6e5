using Npgsql;

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
    private readonly BinaryCopyWriter _rows = new();

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
        var stream = await connection.BeginRawBinaryCopyAsync(sql.CopyJournal, cancellationToken).ConfigureAwait(false);
        try
        {
            await _rows.WriteAsync(stream, round, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Abandons the COPY: the server discards every row of it.
            await stream.CancelAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Completing the COPY is where the server reports a taken key, and, in autocommit, commits.
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => _rows.Dispose();
}
