using System.Collections.Concurrent;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// A dedicated thread that owns the writer connection. SQLite's calls block (a commit waits for its
/// fsync), and blocking a thread-pool thread per batch would starve the actors that share the pool;
/// so batches are handed to this thread and their callers await a completion instead.
/// </summary>
internal sealed class SqliteWriteLoop : IDisposable
{
    private readonly SqliteBatchWriter _writer;
    private readonly ConcurrentQueue<WriteRequest> _requests = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _gate = new();
    private readonly Thread _thread;
    private bool _stopped;

    public SqliteWriteLoop(SqliteBatchWriter writer, string name)
    {
        _writer = writer;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken) =>
        Submit(WriteRequest.ForBatch(batch, cancellationToken));

    public ValueTask CommitOffsetAsync(string pipeline, int shardId, long offset, CancellationToken cancellationToken) =>
        Submit(WriteRequest.ForOffset(pipeline, shardId, offset, cancellationToken));

    private ValueTask Submit(WriteRequest request)
    {
        var completion = request.Completion;
        lock (_gate)
        {
            if (_stopped)
            {
                request.Fail(new ObjectDisposedException(nameof(SqliteJournal)));
                return completion;
            }

            _requests.Enqueue(request);
        }

        _signal.Release();
        return completion;
    }

    private void Run()
    {
        while (true)
        {
            _signal.Wait();
            while (_requests.TryDequeue(out var request))
            {
                Execute(request);
            }

            lock (_gate)
            {
                if (_stopped && _requests.IsEmpty)
                {
                    return;
                }
            }
        }
    }

    private void Execute(WriteRequest request)
    {
        var cancellationToken = request.Cancellation;
        try
        {
            if (request.Batch is { } batch)
            {
                _writer.WriteBatch(batch, cancellationToken);
            }
            else
            {
                _writer.CommitOffset(request.Pipeline!, request.ShardId, request.Offset, cancellationToken);
            }

            request.Succeed();
        }
        catch (Exception exception)
        {
            request.Fail(SqliteErrors.Translate(exception, cancellationToken) ?? exception);
        }
    }

    /// <summary>Finishes what was submitted, then stops the thread and closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        _signal.Release();
        _thread.Join();
        _writer.Dispose();
        _signal.Dispose();
    }
}
