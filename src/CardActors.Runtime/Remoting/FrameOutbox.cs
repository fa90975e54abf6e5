using System.Buffers;
using System.IO.Pipelines;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// The outgoing side of one connection. Senders append whole frames to a buffer under a short lock;
/// one loop swaps that buffer for an empty one and writes and flushes everything gathered meanwhile,
/// so that a burst of messages (a group commit completing thousands of replies at once) leaves in a
/// few large writes rather than a system call each. The buffer is bounded: past
/// <see cref="TransportSettings.OutboxBytes"/> an append is refused, and the sender reports the
/// peer unavailable rather than letting memory grow behind a slow or stalled connection.
/// Both ends of a connection use it the same way: <see cref="Start"/> once connected,
/// <see cref="StopAsync"/> when the connection ends.
/// </summary>
internal sealed class FrameOutbox(int limitBytes) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _ready = new(0);
    private ArrayBufferWriter<byte> _filling = new(4096);
    private ArrayBufferWriter<byte> _sending = new(4096);
    private Task _writing = Task.CompletedTask;
    private CancellationTokenSource? _ended;
    private bool _signalled;
    private bool _closed;

    /// <summary>
    /// Starts writing to <paramref name="output"/>. When writing ends, however it ends, <paramref name="ended"/>
    /// is cancelled: a connection that can no longer send stops reading and taking work too.
    /// </summary>
    public void Start(PipeWriter output, CancellationTokenSource ended)
    {
        _ended = ended;
        _writing = RunAsync(output, ended.Token);
        _ = _writing.ContinueWith(static (_, s) => CancelQuietly((CancellationTokenSource)s!), ended, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Refuses further frames, lets the loop send what is buffered, and waits for it to end.</summary>
    public async Task StopAsync()
    {
        Close();
        try
        {
            await _writing.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // the connection is ending either way
        }

        Dispose();
    }

    /// <summary>Part of <see cref="StopAsync"/>; on its own only for an outbox that was never started.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _signalled = true; // no Release after this
            _ready.Dispose();
        }
    }

    /// <summary>Appends one frame written by <paramref name="write"/>; false when closed or full.</summary>
    public bool TryAppend<TState>(int frameBytes, in TState state, FrameWrite<TState> write)
        where TState : allows ref struct
    {
        lock (_gate)
        {
            if (_closed || _filling.WrittenCount + frameBytes > limitBytes)
            {
                return false;
            }

            write(_filling, state);
            Signal();
        }

        return true;
    }

    private void Close()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _closed = true;
                Signal();
            }
        }
    }

    /// <summary>Wakes the loop once per batch (under the lock, so never after <see cref="StopAsync"/> has disposed the signal).</summary>
    private void Signal()
    {
        if (!_signalled)
        {
            _signalled = true;
            _ready.Release();
        }
    }

    /// <summary>Ends the connection from the sending side (a peer that does not read its frames).</summary>
    public void Abandon()
    {
        if (_ended is { } ended)
        {
            CancelQuietly(ended);
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the connection has already ended
        }
    }

    /// <summary>Writes gathered frames until closed, the peer stops reading, or cancellation.</summary>
    private async Task RunAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            ArrayBufferWriter<byte> batch;
            bool closed;
            lock (_gate)
            {
                batch = _filling;
                _filling = _sending;
                _sending = batch;
                _signalled = false;
                closed = _closed;
            }

            if (batch.WrittenCount > 0)
            {
                output.Write(batch.WrittenSpan);
                batch.ResetWrittenCount();
                var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }

            if (closed)
            {
                return;
            }
        }
    }
}

/// <summary>Writes one frame into the outbox's buffer (a static lambda: nothing is captured per message).</summary>
internal delegate void FrameWrite<TState>(IBufferWriter<byte> output, in TState state)
    where TState : allows ref struct;
