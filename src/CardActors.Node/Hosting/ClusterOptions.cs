using CardActors.Runtime.Remoting;

namespace CardActors.Node.Hosting;

/// <summary>How this node talks to the other nodes of its cluster.</summary>
public sealed class ClusterOptions
{
    public TransportOptions Transport { get; set; } = new();

    public IEnumerable<string> Validate() => Transport.Validate();
}

/// <summary>The node-to-node transport (docs/cluster-transport.md): a TCP listener and the limits of its connections.</summary>
public sealed class TransportOptions
{
    public bool Enabled { get; set; } = true;

    public EndpointOptions Listen { get; set; } = new() { Address = "127.0.0.1", Port = 2552 };

    public int MaxFrameBytes { get; set; } = 1 << 20;

    public int OutboxBytes { get; set; } = 16 << 20;

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TransportSettings ToSettings() => new()
    {
        MaxFrameBytes = MaxFrameBytes,
        OutboxBytes = OutboxBytes,
        HandshakeTimeout = HandshakeTimeout,
        ReconnectMinDelay = ReconnectMinDelay,
        ReconnectMaxDelay = ReconnectMaxDelay,
        AskTimeout = AskTimeout,
    };

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Listen.Validate("CardActors:Cluster:Transport:Listen"))
        {
            yield return problem;
        }

        foreach (var (setting, problem) in ToSettings().Problems())
        {
            yield return $"CardActors:Cluster:Transport:{setting}: {problem}";
        }
    }
}
