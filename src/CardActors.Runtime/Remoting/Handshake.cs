using System.IO.Pipelines;

namespace CardActors.Runtime.Remoting;

/// <summary>Reads the peer's handshake frame: the first thing either side expects on a new connection.</summary>
internal static class Handshake
{
    public static async Task<PeerIdentity> ReadAsync(FrameReader reader, FrameKind expected, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        PeerIdentity? peer = null;
        string? refusal = null;
        try
        {
            await reader.ReadAsync((kind, body) =>
            {
                if (kind == FrameKind.Goodbye)
                {
                    refusal = "the peer refused: " + TransportFrames.Text(body, "goodbye reason");
                    return false;
                }

                if (kind != expected)
                {
                    throw new TransportProtocolException($"expected a {expected} frame first, got {kind}");
                }

                var identity = TransportFrames.ReadHandshake(body, out var version);
                if (version != TransportFrames.ProtocolVersion)
                {
                    refusal = $"the peer speaks protocol version {version}; this node speaks {TransportFrames.ProtocolVersion}";
                    return false;
                }

                peer = identity;
                return false;
            }, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransportProtocolException($"no handshake within {timeout}");
        }

        return peer ?? throw new TransportProtocolException(refusal ?? "the connection closed before the handshake");
    }
}
