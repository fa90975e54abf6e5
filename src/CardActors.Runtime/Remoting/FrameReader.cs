using System.Buffers;
using System.IO.Pipelines;

namespace CardActors.Runtime.Remoting;

/// <summary>Handles one frame; false stops reading (the frame's body is only valid during the call).</summary>
internal delegate bool FrameHandler(FrameKind kind, ReadOnlySpan<byte> body);

/// <summary>
/// Cuts a connection's input into frames and hands each to a handler as one span. A body split
/// across buffer segments is copied into a scratch array kept for the connection's life, so the
/// steady state allocates nothing.
/// </summary>
internal sealed class FrameReader(PipeReader input, int maxFrameBytes)
{
    private byte[] _scratch = [];

    /// <summary>Reads until the handler stops or the peer closes its side.</summary>
    public async Task ReadAsync(FrameHandler handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var stopped = false;
            try
            {
                while (TransportFrames.TryRead(ref buffer, maxFrameBytes, out var kind, out var body))
                {
                    if (!handler(kind, Contiguous(body)))
                    {
                        stopped = true;
                        break;
                    }
                }
            }
            finally
            {
                // When the handler stopped early (the handshake), frames already received behind it
                // are not "examined": the next read must see them without waiting for more bytes.
                if (stopped)
                {
                    input.AdvanceTo(buffer.Start);
                }
                else
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
            }

            if (stopped || result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return body.FirstSpan;
        }

        if (_scratch.Length < body.Length)
        {
            _scratch = new byte[Math.Max((int)body.Length, _scratch.Length * 2)];
        }

        body.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)body.Length);
    }
}
