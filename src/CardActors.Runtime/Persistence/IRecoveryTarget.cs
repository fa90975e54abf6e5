namespace CardActors.Runtime.Persistence;

/// <summary>
/// An entity being recovered through <see cref="IPersistenceStore.RecoverAsync"/>: it receives its
/// latest snapshot, if there is one, and then every later event in order. The payloads are only
/// valid during the call. A target never throws: one that cannot use what it reads records that
/// itself, so that the other entities of the same read are not failed with it.
/// </summary>
public interface IRecoveryTarget : IReplayTarget
{
    string PersistenceId { get; }

    /// <summary>The latest snapshot, before any event; not called when the entity has none.</summary>
    void OnSnapshot(long sequenceNr, ReadOnlySpan<byte> payload);
}
