using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// The accepting side of the transport: serves connections from other nodes (the host hands it each
/// accepted connection's pipe), checks their handshake, and delivers their messages to this node's
/// <see cref="RemoteRecipients"/>, answering asks over the same connection.
/// </summary>
public sealed class TransportListener(PeerIdentity local, RemoteRecipients recipients, TransportSettings settings, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<InboundConnection, byte> _connections = new();

    public PeerIdentity Local => local;

    public RemoteRecipients Recipients => recipients;

    /// <summary>The nodes connected to this one now, and from where (for status pages).</summary>
    public IReadOnlyList<(PeerIdentity Peer, string Remote)> Peers => [.. _connections.Keys.Select(c => (c.Peer, c.Remote))];

    /// <summary>Serves one connection until the peer closes it, breaks the protocol, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ServeAsync(IDuplexPipe transport, string remote, CancellationToken cancellationToken)
    {
        settings.Validate();
        var reader = new FrameReader(transport.Input, settings.MaxFrameBytes);
        PeerIdentity peer;
        try
        {
            peer = await Handshake.ReadAsync(reader, FrameKind.Hello, settings.HandshakeTimeout, time, cancellationToken).ConfigureAwait(false);
            TransportFrames.WriteHandshake(transport.Output, FrameKind.Welcome, local);
            await transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TransportProtocolException exception)
        {
            TransportLog.ProtocolError(logger, remote, exception.Message);
            await SayGoodbyeAsync(transport.Output, exception.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            return; // gone before the handshake, or the node is stopping
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = new InboundConnection(this, peer, remote, new FrameOutbox(settings.OutboxBytes));
        _connections.TryAdd(connection, 0);
        TransportLog.PeerJoined(logger, peer, remote);
        connection.Outbox.Start(transport.Output, stop);
        try
        {
            await reader.ReadAsync(connection.OnFrame, stop.Token).ConfigureAwait(false);
        }
        catch (TransportProtocolException exception)
        {
            TransportLog.ProtocolError(logger, remote, exception.Message);
            connection.Outbox.TryAppend(256 + exception.Message.Length * 3, exception.Message, static (output, in reason) => TransportFrames.WriteGoodbye(output, reason));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // the peer went away or the node is stopping: nothing to tell anyone
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.Outbox.StopAsync().ConfigureAwait(false);
            TransportLog.PeerLeft(logger, peer, remote);
        }
    }

    private static async Task SayGoodbyeAsync(PipeWriter output, string reason)
    {
        try
        {
            TransportFrames.WriteGoodbye(output, reason);
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // the peer is gone already
        }
    }

    /// <summary>One accepted connection after its handshake.</summary>
    private sealed class InboundConnection(TransportListener owner, PeerIdentity peer, string remote, FrameOutbox outbox) : IRemoteReplies
    {
        public PeerIdentity Peer => peer;

        public string Remote => remote;

        public FrameOutbox Outbox => outbox;

        public bool OnFrame(FrameKind kind, ReadOnlySpan<byte> body)
        {
            switch (kind)
            {
                case FrameKind.Send:
                    TransportFrames.ReadSend(body, out var correlation, out var timeout, out var name, out var payload);
                    Deliver(name, payload, correlation, timeout);
                    return true;
                case FrameKind.Goodbye:
                    TransportLog.Goodbye(owner.Log, peer, TransportFrames.Text(body, "goodbye reason"));
                    return false;
                default:
                    throw new TransportProtocolException($"a {kind} frame is not expected from the connecting side");
            }
        }

        public void Reply(long correlation, RemoteStatus status, ReadOnlySpan<byte> payload)
        {
            if (TransportFrames.ReplySize(payload.Length) > owner.Settings.MaxFrameBytes)
            {
                // The asker would have to drop the connection over it: tell it instead.
                Reply(correlation, RemoteStatus.Failed, System.Text.Encoding.UTF8.GetBytes(
                    $"the reply of {payload.Length} bytes is over the transport's frame limit of {owner.Settings.MaxFrameBytes} bytes"));
                return;
            }

            var reply = new ReplyFrame(correlation, status, payload);
            if (!outbox.TryAppend(TransportFrames.ReplySize(payload.Length), reply,
                static (output, in r) => TransportFrames.WriteReply(output, r.Correlation, r.Status, r.Payload)))
            {
                // The peer does not read its replies (or the connection is closing): serving it on
                // would only pile up work and memory. Closing fails its asks at once on its side.
                TransportLog.ReplyDropped(owner.Log, peer);
                outbox.Abandon();
            }
        }

        private void Deliver(ReadOnlySpan<byte> name, ReadOnlySpan<byte> payload, long correlation, TimeSpan timeout)
        {
            var recipient = owner.Recipients.Find(name);
            if (recipient is null)
            {
                Refuse(correlation, RemoteStatus.UnknownRecipient, $"no recipient '{TransportFrames.Text(name, "recipient")}' on node {owner.Local.NodeId}");
                return;
            }

            try
            {
                recipient.Deliver(payload, correlation, timeout == TimeSpan.Zero ? owner.Settings.AskTimeout : timeout, this);
            }
            catch (Exception exception)
            {
                Refuse(correlation, RemoteStatus.BadPayload, $"the message for '{TransportFrames.Text(name, "recipient")}' was not delivered: {exception.Message}");
            }
        }

        private void Refuse(long correlation, RemoteStatus status, string reason)
        {
            if (correlation == 0)
            {
                TransportLog.TellDropped(owner.Log, peer, reason);
            }
            else
            {
                Reply(correlation, status, System.Text.Encoding.UTF8.GetBytes(reason));
            }
        }
    }

    private readonly ref struct ReplyFrame(long correlation, RemoteStatus status, ReadOnlySpan<byte> payload)
    {
        public long Correlation { get; } = correlation;

        public RemoteStatus Status { get; } = status;

        public ReadOnlySpan<byte> Payload { get; } = payload;
    }

    private ILogger Log => logger;

    private TransportSettings Settings => settings;
}
