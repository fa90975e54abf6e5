using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CardActors.Runtime.Ask;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// This node's connection to one other node: connects, handshakes, and reconnects with a doubling
/// back-off when the connection fails or is lost. While it is down, sends fail at once with
/// <see cref="RemoteUnavailableException"/> (nothing queues up unseen), and the asks in flight when it
/// was lost fail the same way. Typed access is through <see cref="RemoteRegion{TKey, TCommand, TReply}"/>.
/// </summary>
public sealed class TransportClient : IAsyncDisposable
{
    private readonly PeerIdentity _local;
    private readonly TransportSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, PendingReply> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _deadlines;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Connection? _connection;
    private Task? _running;
    private long _nextCorrelation;

    public TransportClient(EndPoint remote, PeerIdentity local, TransportSettings settings, TimeProvider time, ILogger logger)
    {
        settings.Validate();
        TransportFrames.CheckNodeId(local.NodeId, nameof(local));

        RemoteEndPoint = remote;
        _local = local;
        _settings = settings;
        _time = time;
        _logger = logger;
        _deadlines = time.CreateTimer(static s => ((TransportClient)s!).FailExpired(), this, settings.DeadlineResolution, settings.DeadlineResolution);
    }

    public EndPoint RemoteEndPoint { get; }

    public TransportSettings Settings => _settings;

    /// <summary>The node at the other end, while connected.</summary>
    public PeerIdentity? Peer => _connection?.Peer;

    public bool IsConnected => _connection is not null;

    /// <summary>Asks sent and not yet answered.</summary>
    public int PendingAsks => _pending.Count;

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start() => _running ??= Task.Run(RunAsync);

    /// <summary>Completes once a connection is up (at once when it already is).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    internal void Tell(ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> payload) =>
        Send(0, TimeSpan.Zero, recipient, payload);

    internal void Ask(ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> payload, TimeSpan timeout, PendingReply pending)
    {
        if (timeout < TimeSpan.FromMilliseconds(1) || timeout.TotalMilliseconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an ask over the transport needs a deadline of 1 ms to 49 days");
        }

        pending.Correlation = Interlocked.Increment(ref _nextCorrelation);
        pending.Deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        _pending[pending.Correlation] = pending;
        try
        {
            Send(pending.Correlation, timeout, recipient, payload);
        }
        catch
        {
            _pending.TryRemove(pending.Correlation, out _);
            throw;
        }
    }

    private void Send(long correlation, TimeSpan timeout, ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> payload)
    {
        var connection = _connection ?? throw new RemoteUnavailableException($"not connected to {RemoteEndPoint}");
        var size = TransportFrames.SendSize(recipient.Length, payload.Length);
        if (size > _settings.MaxFrameBytes)
        {
            throw new ArgumentException($"a message of {payload.Length} bytes is over the transport's frame limit of {_settings.MaxFrameBytes}", nameof(payload));
        }

        var frame = new SendFrame(correlation, timeout, recipient, payload);
        if (!connection.Outbox.TryAppend(size, frame, static (output, in f) => TransportFrames.WriteSend(output, f.Correlation, f.Timeout, f.Recipient, f.Payload)))
        {
            throw new RemoteUnavailableException($"the connection to {connection.Peer} is closing or its outgoing buffer is full");
        }
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            string reason;
            long connectedAt = 0;
            try
            {
                reason = await ConnectAndServeAsync(() => connectedAt = _time.GetTimestamp()).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                reason = exception.Message; // whatever went wrong, the client keeps trying: it is a node's only way to its peer
            }

            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (connectedAt != 0 && _time.GetElapsedTime(connectedAt) >= _settings.ReconnectMaxDelay)
            {
                failures = 0; // a connection that lasted starts the back-off afresh; one dropped at once does not
            }

            var delay = TimeSpan.FromTicks(Math.Min(_settings.ReconnectMaxDelay.Ticks, _settings.ReconnectMinDelay.Ticks << Math.Min(failures, 30)));
            failures++;
            TransportLog.Disconnected(_logger, RemoteEndPoint.ToString()!, reason, delay);
            try
            {
                await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<string> ConnectAndServeAsync(Action onConnected)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(RemoteEndPoint, _stopping.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        TransportFrames.WriteHandshake(output, FrameKind.Hello, _local);
        await output.FlushAsync(_stopping.Token).ConfigureAwait(false);
        var reader = new FrameReader(input, _settings.MaxFrameBytes);
        var peer = await Handshake.ReadAsync(reader, FrameKind.Welcome, _settings.HandshakeTimeout, _time, _stopping.Token).ConfigureAwait(false);

        var connection = new Connection(peer, new FrameOutbox(_settings.OutboxBytes));
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        connection.Outbox.Start(output, lost);
        _connection = connection;
        Volatile.Read(ref _connected).TrySetResult();
        onConnected();
        TransportLog.Connected(_logger, peer, RemoteEndPoint.ToString()!);
        var reason = "the peer closed the connection";
        try
        {
            await reader.ReadAsync((kind, body) => OnFrame(kind, body, peer, ref reason), lost.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or TransportProtocolException)
        {
            reason = _stopping.IsCancellationRequested ? "stopping" : exception is OperationCanceledException ? "the connection failed while sending" : exception.Message;
        }
        finally
        {
            _connection = null;
            Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            lost.Cancel(); // nothing more is worth sending on a connection this end has given up
            await connection.Outbox.StopAsync().ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Both);
            FailAll(new RemoteUnavailableException($"the connection to {peer} was lost before the reply ({reason}); the request may or may not have been processed"));
        }

        return reason;
    }

    private bool OnFrame(FrameKind kind, ReadOnlySpan<byte> body, PeerIdentity peer, ref string reason)
    {
        switch (kind)
        {
            case FrameKind.Reply:
                TransportFrames.ReadReply(body, out var correlation, out var status, out var payload);
                if (_pending.TryRemove(correlation, out var pending))
                {
                    pending.Complete(status, payload);
                }

                return true; // a reply after its deadline finds nobody waiting: dropped
            case FrameKind.Goodbye:
                reason = "the peer said goodbye: " + TransportFrames.Text(body, "goodbye reason");
                TransportLog.Goodbye(_logger, peer, reason);
                return false;
            default:
                throw new TransportProtocolException($"a {kind} frame is not expected from the accepting side");
        }
    }

    private void FailExpired()
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var (correlation, pending) in _pending)
        {
            if (pending.Deadline <= now && _pending.TryRemove(correlation, out _))
            {
                pending.Fail(new AskTimeoutException($"no reply from {RemoteEndPoint} before the ask's deadline; the request may or may not have been processed"));
            }
        }
    }

    private void FailAll(Exception exception)
    {
        foreach (var correlation in _pending.Keys)
        {
            if (_pending.TryRemove(correlation, out var pending))
            {
                pending.Fail(exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _deadlines.Dispose();
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        Volatile.Read(ref _connected).TrySetException(new ObjectDisposedException(nameof(TransportClient), "the transport client was closed"));
        FailAll(new RemoteUnavailableException($"the connection to {RemoteEndPoint} was closed by this node"));
        _stopping.Dispose();
    }

    private sealed record Connection(PeerIdentity Peer, FrameOutbox Outbox);

    private readonly ref struct SendFrame(long correlation, TimeSpan timeout, ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> payload)
    {
        public long Correlation { get; } = correlation;

        public TimeSpan Timeout { get; } = timeout;

        public ReadOnlySpan<byte> Recipient { get; } = recipient;

        public ReadOnlySpan<byte> Payload { get; } = payload;
    }
}
