namespace CardActors.Runtime.Persistence;

/// <summary>A journaled event as a pipeline reading one shard in order sees it.</summary>
public sealed record ShardEvent(
    int ShardId,
    long ShardSequenceNr,
    string PersistenceId,
    long SequenceNr,
    DateTimeOffset Timestamp,
    ReadOnlyMemory<byte> Payload);
