namespace CardActors.Runtime.Entities;

/// <summary>Why the kernel, not the entity's rules, answered a command. The behavior turns it into a reply.</summary>
public enum EntityFailure : byte
{
    /// <summary>The journal's queue is full; retry later. Nothing changed.</summary>
    Busy,

    /// <summary>The journal failed or could not be read; retry later. The entity recovers from the journal.</summary>
    Unavailable,

    /// <summary>Another writer persisted this entity's next event: this node does not own it (fencing).</summary>
    OwnershipLost,

    /// <summary>The entity's handler threw; it restarted from its journal. Nothing changed.</summary>
    Crashed,
}
