namespace CardActors.Runtime.Persistence;

/// <summary>Group commit settings. Defaults are those of cluster-config/reference.json.</summary>
public sealed record JournalWriterSettings
{
    /// <summary>The largest <see cref="Capacity"/>: the writer's queue takes 16 bytes per write it may hold, up front.</summary>
    public const int MaxCapacity = 1 << 24;

    /// <summary>Writes that may wait for a batch; beyond this a persist is refused ("busy") instead of queued.</summary>
    public int Capacity { get; init; } = 65_536;

    /// <summary>Most writes in one batch (one transaction, one round trip).</summary>
    public int MaxBatchSize { get; init; } = 8_192;

    /// <summary>A batch not written within this time fails; its entities recover from the journal.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Capacity, MaxCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        if (WriteTimeout <= TimeSpan.Zero && WriteTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteTimeout), WriteTimeout, "must be positive or infinite");
        }
    }
}
