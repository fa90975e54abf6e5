namespace CardActors.Runtime.Entities;

/// <summary>Hosting settings of an entity type. Defaults are those of cluster-config/reference.json.</summary>
public sealed record EntitySettings
{
    /// <summary>Shards per entity type; fixed for the life of a cluster.</summary>
    public int ShardCount { get; init; } = 1024;

    /// <summary>
    /// Added to the shard number in the journal, so that entity types hosted on one store never
    /// share a journal shard (pipelines read one type's shards without skipping another's events).
    /// </summary>
    public int JournalShardOffset { get; init; }

    /// <summary>A snapshot after this many events (0: never).</summary>
    public int SnapshotEvery { get; init; } = 200;

    /// <summary>An entity without messages for this long is passivated.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Most entities in memory; beyond it the least recently used are passivated.</summary>
    public int MaxLiveEntities { get; init; } = 2_000_000;

    /// <summary>How often idle and surplus entities are looked for.</summary>
    public TimeSpan PassivationInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often due reminders are read from the store.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most reminders delivered per read.</summary>
    public int ReminderBatchSize { get; init; } = 1_000;

    /// <summary>
    /// Most recovery reads in flight at once. Entities that need recovery while they run wait and
    /// go together in the next read, so a few reads suffice however many entities are cold.
    /// </summary>
    public int RecoveryConcurrency { get; init; } = 4;

    /// <summary>Most entities recovered by one read of the store.</summary>
    public int RecoveryBatchSize { get; init; } = 256;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ShardCount);
        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEvery);
        ArgumentOutOfRangeException.ThrowIfNegative(JournalShardOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLiveEntities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReminderBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RecoveryConcurrency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RecoveryBatchSize);
        if (IdleTimeout <= TimeSpan.Zero || PassivationInterval <= TimeSpan.Zero || ReminderInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), "idle timeout and intervals must be positive");
        }
    }
}
