using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>Sends a round by INSERT or by COPY, whichever its size favours (see <see cref="PostgresWriteMode.Adaptive"/>).</summary>
internal sealed class AdaptiveBatchSender(PostgresSql sql, int copyFromEvents) : IBatchSender
{
    private readonly InsertBatchSender _insert = new(sql);
    private readonly CopyBatchSender _copy = new(sql);

    /// <summary>Whether a round of this many events goes by COPY.</summary>
    public static bool UsesCopy(int events, int copyFromEvents) => events >= copyFromEvents;

    public ValueTask SendAsync(NpgsqlConnection connection, WriteRound round, CancellationToken cancellationToken) =>
        UsesCopy(round.EventCount, copyFromEvents)
            ? _copy.SendAsync(connection, round, cancellationToken)
            : _insert.SendAsync(connection, round, cancellationToken);

    public void Dispose()
    {
        _insert.Dispose();
        _copy.Dispose();
    }
}
