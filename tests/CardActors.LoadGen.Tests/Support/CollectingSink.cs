using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>Keeps every completion a transport reports, and fails on a request completed twice.</summary>
internal sealed class CollectingSink : ILoadCompletionSink
{
    private readonly Dictionary<long, (LoadRequest Request, LoadOutcome Outcome, long Intended, long Completed)> _completions = [];
    private readonly SemaphoreSlim _changed = new(0);

    public int Count
    {
        get
        {
            lock (_completions)
            {
                return _completions.Count;
            }
        }
    }

    public LoadOutcome this[long sequence]
    {
        get
        {
            lock (_completions)
            {
                return _completions[sequence].Outcome;
            }
        }
    }

    public IReadOnlyList<LoadOutcome> Outcomes
    {
        get
        {
            lock (_completions)
            {
                return [.. _completions.OrderBy(c => c.Key).Select(c => c.Value.Outcome)];
            }
        }
    }

    public void Complete(in LoadRequest request, long intendedTimestamp, LoadOutcome outcome, long completedTimestamp)
    {
        lock (_completions)
        {
            if (!_completions.TryAdd(request.Sequence, (request, outcome, intendedTimestamp, completedTimestamp)))
            {
                throw new InvalidOperationException($"Request {request.Sequence} was completed twice ({_completions[request.Sequence].Outcome}, then {outcome}).");
            }
        }

        _changed.Release();
    }

    public bool Contains(long sequence)
    {
        lock (_completions)
        {
            return _completions.ContainsKey(sequence);
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests have completed; fails after 20 s.</summary>
    public async Task WaitForAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Count < count)
        {
            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited 20 s for {count} completions; {Count} arrived.");
            }
        }
    }
}
