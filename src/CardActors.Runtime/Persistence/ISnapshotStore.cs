namespace CardActors.Runtime.Persistence;

/// <summary>Reads snapshots. They are written through the journal's batches (see <see cref="JournalWrite"/>).</summary>
public interface ISnapshotStore
{
    /// <summary>The latest snapshot of the entity, or null.</summary>
    ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken);
}

/// <summary>An entity's state as of <paramref name="SequenceNr"/>.</summary>
public sealed record SnapshotRecord(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Payload);
