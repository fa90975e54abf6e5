using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>
/// Wraps the in-memory store so that tests can hold batches at a gate and make chosen entities'
/// writes fail, to observe what the kernel does around them.
/// </summary>
internal sealed class ControllableJournal : IPersistenceStore
{
    private readonly InMemoryJournal _inner = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource? _held;
    private TaskCompletionSource _batchArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryJournal Inner => _inner;

    /// <summary>Persistence ids whose writes fail as if the store had lost them.</summary>
    public HashSet<string> Failing { get; } = [];

    public List<int> BatchSizes { get; } = [];

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

    /// <summary>Completes when a batch has reached the store since the last call.</summary>
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

        await _inner.WriteAsync(passing, cancellationToken);
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
        => _inner.ReplayAsync(persistenceId, fromSequenceNr, target, cancellationToken);

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
        => _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
        => _inner.ReadShardAsync(shardId, afterShardSequenceNr, maxCount, cancellationToken);

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
        => _inner.LoadAsync(persistenceId, cancellationToken);

    public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
        => _inner.ReadDueAsync(dueBy, maxCount, cancellationToken);

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
