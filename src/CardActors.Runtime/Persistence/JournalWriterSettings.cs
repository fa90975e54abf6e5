namespace CardActors.Runtime.Persistence;

/// <summary>Group commit settings. Defaults are those of cluster-config/reference.json, but for <see cref="CommitInterval"/>: zero here, 4 ms in the node.</summary>
public sealed record JournalWriterSettings
{
    /// <summary>The largest <see cref="Capacity"/>: the writer's queue takes 16 bytes per write it may hold, up front.</summary>
    public const int MaxCapacity = 1 << 24;

    /// <summary>The longest <see cref="CommitInterval"/>: beyond it a write would wait longer than any terminal expects.</summary>
    public static readonly TimeSpan MaxCommitInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Writes that may wait for a batch; beyond this a persist is refused ("busy") instead of queued.</summary>
    public int Capacity { get; init; } = 65_536;

    /// <summary>Most writes in one batch (one transaction, one round trip).</summary>
    public int MaxBatchSize { get; init; } = 8_192;

    /// <summary>
    /// Least time between the starts of two batches of a partition under concurrent load (zero:
    /// none). A writer whose previous batch held more than one write, and that finds fewer than
    /// <see cref="MaxBatchSize"/> writes queued when it would start sooner, waits for the rest of it
    /// (rounded up to whole milliseconds): the store commits fewer, larger batches, at the price of
    /// up to this much latency per write.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Whether <paramref name="interval"/> may be a <see cref="CommitInterval"/>.</summary>
    public static bool IsValidCommitInterval(TimeSpan interval) => interval >= TimeSpan.Zero && interval <= MaxCommitInterval;

    /// <summary>A batch not written within this time fails; its entities recover from the journal.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Capacity, MaxCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        if (!IsValidCommitInterval(CommitInterval))
        {
            throw new ArgumentOutOfRangeException(nameof(CommitInterval), CommitInterval, $"must be between zero and {MaxCommitInterval}");
        }

        if (WriteTimeout <= TimeSpan.Zero && WriteTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteTimeout), WriteTimeout, "must be positive or infinite");
        }
    }
}
