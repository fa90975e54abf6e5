using CardActors.Runtime.Persistence;

namespace CardActors.TestKit.Persistence;

/// <summary>
/// Wraps a real store so that a test can hold batches at a gate (to make writes pile up into one
/// batch) and make chosen entities' writes fail as if the store had lost them. Everything else
/// goes to the wrapped store unchanged.
/// </summary>
public sealed class GatedStore(IPersistenceStore inner) : IPersistenceStore
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _held;
    private TaskCompletionSource _batchArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Persistence ids whose writes fail (the rest of their batch goes to the store).</summary>
    public HashSet<string> Failing { get; } = [];

    public List<int> BatchSizes { get; } = [];

    /// <summary>The wrapped store, for reading what reached it.</summary>
    public IPersistenceStore Inner => inner;

    /// <summary>From now on every batch waits until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            held = _held;
            _held = null;
        }

        held?.SetResult();
    }

    /// <summary>Lets the batches waiting now go on, and holds every later one (until the next release).</summary>
    public void ReleaseAndHold()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            held = _held;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        held?.SetResult();
    }

    /// <summary>Completes when the next batch reaches the store.</summary>
    public Task NextBatchArrived()
    {
        lock (_gate)
        {
            return _batchArrived.Task;
        }
    }

    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        Task? held;
        lock (_gate)
        {
            BatchSizes.Add(batch.Count);
            held = _held?.Task;
            var arrived = _batchArrived;
            _batchArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.SetResult();
        }

        if (held is not null)
        {
            await held;
        }

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
