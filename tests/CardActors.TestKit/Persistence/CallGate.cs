namespace CardActors.TestKit.Persistence;

/// <summary>
/// Where a store's calls of one kind can be held until the test lets them go on. Records the size
/// of every call that arrives and tells a waiting test when the next one does.
/// </summary>
internal sealed class CallGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _held;
    private TaskCompletionSource _arrived = NewSignal();

    public List<int> Sizes { get; } = [];

    /// <summary>From now on every call waits until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _held ??= NewSignal();
        }
    }

    public void Release() => Open(holdAgain: false);

    /// <summary>Lets the calls waiting now go on, and holds every later one (until the next release).</summary>
    public void ReleaseAndHold() => Open(holdAgain: true);

    /// <summary>Completes when the next call arrives.</summary>
    public Task NextArrival()
    {
        lock (_lock)
        {
            return _arrived.Task;
        }
    }

    /// <summary>Records a call of <paramref name="size"/> items; the task completes when it may go on.</summary>
    public Task Arrive(int size)
    {
        lock (_lock)
        {
            Sizes.Add(size);
            var arrived = _arrived;
            _arrived = NewSignal();
            arrived.SetResult();
            return _held?.Task ?? Task.CompletedTask;
        }
    }

    private void Open(bool holdAgain)
    {
        TaskCompletionSource? held;
        lock (_lock)
        {
            held = _held;
            _held = holdAgain ? NewSignal() : null;
        }

        held?.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
