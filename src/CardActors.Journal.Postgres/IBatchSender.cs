using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>Stores a round in one transaction on the given connection, and returns once it committed (or throws).</summary>
internal interface IBatchSender : IDisposable
{
    ValueTask SendAsync(NpgsqlConnection connection, WriteRound round, CancellationToken cancellationToken);
}
