using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Postgres;

/// <summary>
/// One journal partition as the kernel's <see cref="JournalWriterGroup"/> sees it: writes go to the
/// partition's own writer, reads to the store they share.
/// </summary>
internal sealed class PostgresPartition(PostgresJournal store, PartitionWriter writer) : IJournal
{
    public PartitionWriter Writer { get; } = writer;

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        store.ThrowUnlessInitialized();
        return batch.Count == 0 ? ValueTask.CompletedTask : Writer.WriteAsync(batch, cancellationToken);
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken) =>
        store.ReplayAsync(persistenceId, fromSequenceNr, target, cancellationToken);

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        store.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken) =>
        store.ReadShardAsync(shardId, afterShardSequenceNr, maxCount, cancellationToken);
}
