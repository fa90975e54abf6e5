using System.Diagnostics;
using CardActors.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// Group commit: every entity of a journal partition hands its write to this writer, which drains
/// whatever is queued into one batch (one transaction, one round trip, one fsync) and then completes
/// every write. While a batch is in flight the next one accumulates, so batches grow with load and
/// latency stays about one flush. The queue is bounded: a full writer refuses instead of growing.
/// </summary>
public sealed class JournalWriter : IThreadPoolWorkItem, IDisposable
{
    private readonly IJournal _journal;
    private readonly JournalWriterSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly List<JournalWrite> _batch = [];
    private CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _stopped = new(); // never disposed: a waiting writer may still read its token
    private readonly MpscRing<JournalWrite> _queue;
    private int _scheduled;
    private long _batchTakenAt; // TimeProvider timestamp
    private int _lastBatchSize;

    public JournalWriter(IJournal journal, JournalWriterSettings settings, TimeProvider time, ILogger log)
    {
        settings.Validate();
        _journal = journal;
        _settings = settings;
        _time = time;
        _log = log;
        _queue = new MpscRing<JournalWrite>(settings.Capacity);
        _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>Writes waiting for a batch.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>True when a write now would be refused; cheaper than comparing <see cref="QueuedCount"/>.</summary>
    public bool IsFull => _queue.IsFull;

    /// <summary>Queues a write. False when the queue is full: the caller must answer "busy".</summary>
    public bool TryEnqueue(JournalWrite write)
    {
        // Read the clock only while someone listens: an in-process benchmark takes a million writes a second.
        write.QueuedAt = RuntimeMetrics.JournalWriteSeconds.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (!_queue.TryEnqueue(write))
        {
            RuntimeMetrics.JournalRejected.Add(1);
            return false;
        }

        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = WriteBatchAsync();

    private async Task WriteBatchAsync()
    {
        var wait = LingerTime();
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, _stopped.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposed while waiting: the batch is failed below, not abandoned.
            }
        }

        if (_settings.CommitInterval > TimeSpan.Zero)
        {
            _batchTakenAt = _time.GetTimestamp(); // read only when it is used: the in-process benchmark takes many batches a second
        }

        while (_batch.Count < _settings.MaxBatchSize && _queue.TryDequeue() is { } write)
        {
            _batch.Add(write);
        }

        _lastBatchSize = _batch.Count;
        if (_batch.Count > 0)
        {
            await WriteAndCompleteAsync();
            _batch.Clear();
        }

        Interlocked.Exchange(ref _scheduled, 0);
        if (_queue.HasItems && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>
    /// How long to let writes gather before taking the next batch: what is left of
    /// <see cref="JournalWriterSettings.CommitInterval"/> since the previous batch was taken. Every
    /// batch costs the store a commit whatever it holds, so under concurrent load fewer, fuller
    /// batches save it work. None after a batch of one write (a lone client's next write would only
    /// be delayed: nothing else is coming to share its commit) or when a whole batch is queued.
    /// </summary>
    private TimeSpan LingerTime()
    {
        var interval = _settings.CommitInterval;
        if (interval <= TimeSpan.Zero || _lastBatchSize <= 1 || _queue.Count >= _settings.MaxBatchSize)
        {
            return TimeSpan.Zero;
        }

        // Timers count whole milliseconds and would cut a fraction off: round up, so batches are never closer than the interval.
        var left = interval - _time.GetElapsedTime(_batchTakenAt);
        return left <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds));
    }

    private async Task WriteAndCompleteAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        foreach (var write in _batch)
        {
            write.Timestamp = now;
        }

        var batchFailed = false;
        try
        {
            if (_stopped.IsCancellationRequested)
            {
                throw new JournalUnavailableException("The journal writer has stopped.");
            }

            // The journal must honour the token: a write is never abandoned while the store may still read
            // its buffers, so a late store holds the writer back (and the bounded queue pushes back).
            if (!_timeout.TryReset())
            {
                _timeout.Dispose();
                _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
            }

            _timeout.CancelAfter(_settings.WriteTimeout);
            await _journal.WriteAsync(_batch, _timeout.Token);
        }
        catch (Exception exception)
        {
            var error = exception is OperationCanceledException
                ? new JournalUnavailableException($"The journal did not complete a batch within {_settings.WriteTimeout}.", exception)
                : exception;
            JournalLog.BatchFailed(_log, error, _batch.Count);
            batchFailed = true;
            foreach (var write in _batch)
            {
                if (write.Status == WriteStatus.Pending)
                {
                    write.Complete(WriteStatus.Failed, error);
                }
            }
        }

        Complete(started, batchFailed);
    }

    // Entities log a failed write at debug level only: a batch fails for thousands of them at once,
    // so the writer says it here, once per batch.
    private void Complete(long started, bool batchFailed)
    {
        long events = 0, conflicts = 0, failures = 0;
        Exception? firstFailure = null;
        var completed = Stopwatch.GetTimestamp();
        for (var i = 0; i < _batch.Count; i++)
        {
            Prefetch.Referents(_batch, i, static w => w.Owner);
            Prefetch.Ahead(_batch, i, Prefetch.Distance / 2)?.Owner.HintWaiting();
            Prefetch.Ahead(_batch, i, Prefetch.Distance / 4)?.Owner.HintContinuations();
            var write = _batch[i];
            if (write.QueuedAt != 0)
            {
                RuntimeMetrics.JournalWriteSeconds.Record(Stopwatch.GetElapsedTime(write.QueuedAt, completed).TotalSeconds);
            }

            switch (write.Status)
            {
                case WriteStatus.Written:
                    events += write.EventCount;
                    break;
                case WriteStatus.Conflict:
                    conflicts++;
                    break;
                default:
                    if (write.Status == WriteStatus.Pending)
                    {
                        write.Complete(WriteStatus.Failed, new InvalidOperationException("The journal left a write without an outcome."));
                    }

                    failures++;
                    firstFailure ??= write.Error;
                    break;
            }

            try
            {
                write.Owner.OnWriteCompleted(write);
            }
            catch (Exception exception)
            {
                JournalLog.OwnerFailed(_log, exception, write.PersistenceId);
            }
        }

        RuntimeMetrics.JournalBatches.Add(1);
        RuntimeMetrics.JournalBatchSize.Record(_batch.Count);
        RuntimeMetrics.JournalBatchSeconds.Record(Stopwatch.GetElapsedTime(started, completed).TotalSeconds);
        RuntimeMetrics.JournalEvents.Add(events);
        if (conflicts > 0)
        {
            RuntimeMetrics.JournalConflicts.Add(conflicts);
        }

        if (failures > 0)
        {
            RuntimeMetrics.JournalFailures.Add(failures);
            if (!batchFailed)
            {
                JournalLog.WritesFailed(_log, firstFailure, failures, _batch.Count);
            }
        }
    }

    /// <summary>Waits until every queued write has been made durable (or failed), for an orderly stop.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var deadline = _time.GetTimestamp() + (long)(limit.TotalSeconds * _time.TimestampFrequency);
        while ((_queue.Count > 0 || Volatile.Read(ref _scheduled) != 0) && _time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), _time);
        }
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _timeout.Dispose();
    }
}
