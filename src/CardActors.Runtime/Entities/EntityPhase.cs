namespace CardActors.Runtime.Entities;

internal enum EntityPhase : byte
{
    /// <summary>No state in memory; the next message starts a recovery.</summary>
    New,

    Recovering,

    Running,

    /// <summary>A write is in flight; commands wait.</summary>
    Persisting,

    /// <summary>Passivated or fenced off; the region routes new messages to a new incarnation.</summary>
    Stopped,
}
