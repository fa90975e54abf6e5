using CardActors.Runtime.Persistence;

namespace CardActors.TestKit.Persistence;

/// <summary>
/// Wraps a real store so that a test can hold batches and recovery reads at a gate (to make writes
/// or recovering entities pile up into one call) and make chosen entities' writes, or whole
/// recovery reads, fail as if the store had lost them. Everything else goes to the wrapped store
/// unchanged.
/// </summary>
public sealed class GatedStore(IPersistenceStore inner) : IPersistenceStore
{
    private readonly CallGate _writes = new();
    private readonly CallGate _recoveries = new();

    /// <summary>Persistence ids whose writes fail (the rest of their batch goes to the store).</summary>
    public HashSet<string> Failing { get; } = [];

    /// <summary>When set, every recovery read fails as a whole (after its gate).</summary>
    public bool FailRecoveries { get; set; }

    public List<int> BatchSizes => _writes.Sizes;

    /// <summary>How many entities each batched recovery read carried, in arrival order.</summary>
    public List<int> RecoveryBatchSizes => _recoveries.Sizes;

    /// <summary>The wrapped store, for reading what reached it.</summary>
    public IPersistenceStore Inner => inner;

    /// <summary>From now on every batch waits until <see cref="Release"/>.</summary>
    public void Hold() => _writes.Hold();

    public void Release() => _writes.Release();

    /// <summary>Lets the batches waiting now go on, and holds every later one (until the next release).</summary>
    public void ReleaseAndHold() => _writes.ReleaseAndHold();

    /// <summary>Completes when the next batch reaches the store.</summary>
    public Task NextBatchArrived() => _writes.NextArrival();

    /// <summary>Lets the batches waiting now go on and completes when the next one is held at the gate.</summary>
    public Task ReleaseUntilNextBatch()
    {
        var next = NextBatchArrived();
        ReleaseAndHold();
        return next;
    }

    /// <summary>From now on every recovery read waits until <see cref="ReleaseRecoveries"/>.</summary>
    public void HoldRecoveries() => _recoveries.Hold();

    public void ReleaseRecoveries() => _recoveries.Release();

    /// <summary>Completes when the next recovery read reaches the store.</summary>
    public Task NextRecoveryArrived() => _recoveries.NextArrival();

    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        await _writes.Arrive(batch.Count);
        var passing = new List<JournalWrite>(batch.Count);
        foreach (var write in batch)
        {
            if (Failing.Contains(write.PersistenceId))
            {
                write.Complete(WriteStatus.Failed, new JournalUnavailableException("injected failure"));
            }
            else
            {
                passing.Add(write);
            }
        }

        await inner.WriteAsync(passing, cancellationToken);
    }

    public async ValueTask RecoverAsync(IReadOnlyList<IRecoveryTarget> targets, CancellationToken cancellationToken)
    {
        await _recoveries.Arrive(targets.Count);
        if (FailRecoveries)
        {
            throw new JournalUnavailableException("injected failure");
        }

        await inner.RecoverAsync(targets, cancellationToken);
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
        => inner.ReplayAsync(persistenceId, fromSequenceNr, target, cancellationToken);

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
        => inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
        => inner.ReadShardAsync(shardId, afterShardSequenceNr, maxCount, cancellationToken);

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
        => inner.LoadAsync(persistenceId, cancellationToken);

    public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
        => inner.ReadDueAsync(dueBy, maxCount, cancellationToken);

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    /// <summary>The wrapped store belongs to the test; it disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
