namespace CardActors.Runtime.Remoting;

/// <summary>Limits and timings of the node-to-node transport (cluster-config/reference.json documents each).</summary>
public sealed record TransportSettings
{
    /// <summary>The largest frame accepted or sent; a peer sending a larger one is disconnected.</summary>
    public int MaxFrameBytes { get; init; } = 1 << 20;

    /// <summary>Bytes a connection may buffer for sending before sends are refused as unavailable.</summary>
    public int OutboxBytes { get; init; } = 16 << 20;

    /// <summary>How long a new connection has to complete its handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before reconnecting; it doubles on each failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of an ask sent without one.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired asks are looked for: a timeout is reported up to this much late.</summary>
    public TimeSpan DeadlineResolution { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Each setting that is out of range, and why (the node names them by their configuration keys).</summary>
    public IEnumerable<(string Setting, string Problem)> Problems()
    {
        if (MaxFrameBytes < 64)
        {
            yield return (nameof(MaxFrameBytes), "must be at least 64 bytes");
        }

        if (OutboxBytes < MaxFrameBytes)
        {
            yield return (nameof(OutboxBytes), "must hold at least one frame of MaxFrameBytes");
        }

        foreach (var (name, value) in new[] { (nameof(HandshakeTimeout), HandshakeTimeout), (nameof(ReconnectMinDelay), ReconnectMinDelay),
            (nameof(AskTimeout), AskTimeout), (nameof(DeadlineResolution), DeadlineResolution) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return (name, "must be positive");
            }
        }

        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return (nameof(ReconnectMaxDelay), "must not be below ReconnectMinDelay");
        }
    }

    public void Validate()
    {
        var (setting, problem) = Problems().FirstOrDefault();
        if (setting is not null)
        {
            throw new ArgumentOutOfRangeException(setting, problem);
        }
    }
}
