namespace CardActors.Runtime.Actors;

/// <summary>Kernel settings. Defaults are those of cluster-config/reference.json.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>User messages an actor processes per turn before yielding its thread.</summary>
    public int Throughput { get; init; } = 128;

    /// <summary>Deadline of an ask when the caller gives none.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Granularity of ask deadlines: how often they are swept (an ask fails at most this long after its timeout).</summary>
    public TimeSpan DeadlineResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    public void Validate()
    {
        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "must be at least 1");
        }

        if (AskTimeout <= TimeSpan.Zero && AskTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "must be positive or infinite");
        }

        if (DeadlineResolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DeadlineResolution), DeadlineResolution, "must be positive");
        }
    }
}
