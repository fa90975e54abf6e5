namespace CardActors.Runtime.Persistence;

/// <summary>A backend that provides everything an entity needs: journal, snapshots and reminders.</summary>
public interface IPersistenceStore : IJournal, ISnapshotStore, IReminderStore, IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Idempotent.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);
}
