using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>Copies what a batched recovery hands one entity: its snapshot, if any, then its events.</summary>
internal sealed class RecoveryRecorder(string persistenceId) : IRecoveryTarget
{
    public string PersistenceId { get; } = persistenceId;

    /// <summary>In arrival order: "S" for the snapshot, "E" for an event.</summary>
    public List<(string Kind, long SequenceNr, byte[] Payload)> Received { get; } = [];

    public void OnSnapshot(long sequenceNr, ReadOnlySpan<byte> payload) => Received.Add(("S", sequenceNr, payload.ToArray()));

    public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload) => Received.Add(("E", sequenceNr, payload.ToArray()));

    public static async Task<RecoveryRecorder[]> RecoverAsync(IPersistenceStore store, params string[] persistenceIds)
    {
        var targets = persistenceIds.Select(id => new RecoveryRecorder(id)).ToArray();
        await store.RecoverAsync(targets, CancellationToken.None);
        return targets;
    }
}
