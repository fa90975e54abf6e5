namespace CardActors.Runtime.Persistence;

/// <summary>A backend that provides everything an entity needs: journal, snapshots and reminders.</summary>
public interface IPersistenceStore : IJournal, ISnapshotStore, IReminderStore, IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Idempotent.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Recovers several entities with as few reads as the store allows: for each target its latest
    /// snapshot, if any, then the events after it, in order. Throws only when the read as a whole
    /// failed; the caller then fails every target. A store without a batched read recovers the
    /// targets one after the other through <see cref="ISnapshotStore.LoadAsync"/> and
    /// <see cref="IJournal.ReplayAsync"/>.
    /// </summary>
    async ValueTask RecoverAsync(IReadOnlyList<IRecoveryTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            var snapshot = await LoadAsync(target.PersistenceId, cancellationToken).ConfigureAwait(false);
            if (snapshot is not null)
            {
                target.OnSnapshot(snapshot.SequenceNr, snapshot.Payload.Span);
            }

            await ReplayAsync(target.PersistenceId, (snapshot?.SequenceNr ?? 0) + 1, target, cancellationToken).ConfigureAwait(false);
        }
    }
}
