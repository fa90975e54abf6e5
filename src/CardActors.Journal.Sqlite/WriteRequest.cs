using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// Work for the writer thread (a batch, or an offset to commit) and the awaitable its caller holds.
/// Pooled: a group-commit writer has one batch in flight at a time, so a few instances serve all.
/// </summary>
internal sealed class WriteRequest : IValueTaskSource
{
    private const int PoolLimit = 32;
    private static readonly ConcurrentQueue<WriteRequest> Pool = new();
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    private WriteRequest()
    {
    }

    public IReadOnlyList<JournalWrite>? Batch { get; private set; }

    public string? Pipeline { get; private set; }

    public int ShardId { get; private set; }

    public long Offset { get; private set; }

    public CancellationToken Cancellation { get; private set; }

    /// <summary>Awaited by the caller; completes on the thread pool, never on the writer thread.</summary>
    public ValueTask Completion => new(this, _core.Version);

    public static WriteRequest ForBatch(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        var request = Rent();
        request.Batch = batch;
        request.Cancellation = cancellationToken;
        return request;
    }

    public static WriteRequest ForOffset(string pipeline, int shardId, long offset, CancellationToken cancellationToken)
    {
        var request = Rent();
        request.Pipeline = pipeline;
        request.ShardId = shardId;
        request.Offset = offset;
        request.Cancellation = cancellationToken;
        return request;
    }

    public void Succeed() => _core.SetResult(true);

    public void Fail(Exception exception) => _core.SetException(exception);

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Batch = null;
            Pipeline = null;
            Cancellation = default;
            _core.Reset();
            if (Pool.Count < PoolLimit)
            {
                Pool.Enqueue(this);
            }
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private static WriteRequest Rent() => Pool.TryDequeue(out var request) ? request : new WriteRequest();
}
