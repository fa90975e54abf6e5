namespace CardActors.Runtime.Persistence;

/// <summary>
/// The event journal. Rows are keyed (persistence id, sequence number); each also carries its shard
/// and a per-shard sequence number assigned at write time, so that pipelines can read a shard in
/// order without gaps in time.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Writes a batch in as few round trips and transactions as the store allows, and completes every
    /// item: <see cref="WriteStatus.Written"/>, or <see cref="WriteStatus.Conflict"/> when one of its
    /// (persistence id, sequence number) keys exists (that item alone is not written; the others are).
    /// Throws only when the whole batch failed; the writer then fails every item.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken);

    /// <summary>Feeds the events from <paramref name="fromSequenceNr"/> on, in order, to the target.</summary>
    /// <returns>The highest sequence number replayed, or fromSequenceNr − 1 when there was none.</returns>
    ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken);

    ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> events of a shard after the given per-shard offset, in order.</summary>
    ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken);
}
