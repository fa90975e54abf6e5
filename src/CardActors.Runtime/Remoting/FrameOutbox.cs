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
/// </summary>
internal sealed class FrameOutbox(int limitBytes) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _ready = new(0);
    private ArrayBufferWriter<byte> _filling = new(4096);
    private ArrayBufferWriter<byte> _sending = new(4096);
    private bool _signalled;
    private bool _closed;

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

    /// <summary>No more appends; the loop sends what is buffered and ends.</summary>
    public void Close()
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

    /// <summary>Wakes the loop once per batch (under the lock, so never after <see cref="Dispose"/>).</summary>
    private void Signal()
    {
        if (!_signalled)
        {
            _signalled = true;
            _ready.Release();
        }
    }

    /// <summary>After <see cref="RunAsync"/> has ended.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _signalled = true;
            _ready.Dispose();
        }
    }

    /// <summary>Writes gathered frames until closed, the peer stops reading, or cancellation.</summary>
    public async Task RunAsync(PipeWriter output, CancellationToken cancellationToken)
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
