namespace CardActors.Runtime.Persistence;

/// <summary>What became of one journal write.</summary>
public enum WriteStatus : byte
{
    /// <summary>Not written yet.</summary>
    Pending,

    /// <summary>Durable.</summary>
    Written,

    /// <summary>
    /// Another writer already holds one of the sequence numbers: this node no longer owns the entity.
    /// Nothing of the write was stored.
    /// </summary>
    Conflict,

    /// <summary>The store failed; nothing of the write may be assumed stored or not stored.</summary>
    Failed,
}
