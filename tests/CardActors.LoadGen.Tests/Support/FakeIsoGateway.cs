using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CardActors.Iso8583;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>
/// A small ISO 8583 issuer on 127.0.0.1 for transport tests: it parses with the codec, checks MACs
/// against its key ring, records every request, and answers as configured — at once, after a
/// delay, in reversed batches, never, or by dropping the connection.
/// </summary>
internal sealed class FakeIsoGateway : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMessage> _received = [];
    private readonly List<FakeIsoConnection> _connections = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _accepting;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="receiveBufferSize">A small socket receive buffer (0 keeps the default) makes a gateway that stops reading push back soon.</param>
    public FakeIsoGateway(TerminalKeyRing keys, int receiveBufferSize = 0)
    {
        Keys = keys;
        if (receiveBufferSize > 0)
        {
            _listener.Server.ReceiveBufferSize = receiveBufferSize;
        }

        _listener.Start();
        _accepting = AcceptAsync();
    }

    public TerminalKeyRing Keys { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The response code for a request; null leaves it unanswered.</summary>
    public Func<ReceivedMessage, string?> Decide { get; set; } = _ => "00";

    /// <summary>Trading answers are held until this many are ready on a connection, then sent in reverse order.</summary>
    public int ReverseBatch { get; set; } = 1;

    /// <summary>Wait this long before each trading answer.</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>After this many trading requests on one connection, close it without answering them.</summary>
    public int DropAfter { get; set; } = int.MaxValue;

    /// <summary>Stop reading a connection at its first trading request, as a gateway that hangs.</summary>
    public bool StallReading { get; set; }

    /// <summary>Completes when the gateway is disposed.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>The answer to every sign-on.</summary>
    public string SignOnCode { get; set; } = "00";

    /// <summary>Answer trading requests with a MAC that does not verify.</summary>
    public bool CorruptMac { get; set; }

    public int Accepted { get { lock (_received) { return _connections.Count; } } }

    public IReadOnlyList<ReceivedMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Waits until the received messages satisfy <paramref name="condition"/>; fails after 20 s.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition(Received))
        {
            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The fake gateway waited 20 s for {what}; it received {Received.Count} messages.");
            }
        }
    }

    /// <summary>Sends an echo test (0800/301) to the client on the latest connection.</summary>
    public void SendEcho(string terminalId, string merchantId, int stan, MacKey? key)
    {
        FakeIsoConnection connection;
        lock (_received)
        {
            connection = _connections[^1];
        }

        using var builder = new Iso8583MessageBuilder();
        builder.Reset(MessageType.NetworkManagementRequest)
            .SetNumeric(FieldNumber.TransmissionDateTime, 1122093000)
            .SetNumeric(FieldNumber.Stan, stan)
            .SetNumeric(FieldNumber.AcquirerId, 12345678)
            .SetText(FieldNumber.TerminalId, terminalId)
            .SetText(FieldNumber.MerchantId, merchantId)
            .SetNumeric(FieldNumber.NetworkManagementCode, 301);
        connection.Write(builder, key, corrupt: false);
    }

    /// <summary>The client's answers to <see cref="SendEcho"/>.</summary>
    public IReadOnlyList<(int Mti, string Code, bool MacValid)> EchoAnswers
    {
        get
        {
            lock (_received)
            {
                return [.. _connections.SelectMany(c => c.Answers)];
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after 20 s.</summary>
    public async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The fake gateway waited 20 s for {what}.");
            }
        }
    }

    internal void Record(ReceivedMessage message)
    {
        lock (_received)
        {
            _received.Add(message);
        }

        _changed.Release();
    }

    internal void Signal() => _changed.Release();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stopped.TrySetResult();
        _listener.Stop();
        List<FakeIsoConnection> connections;
        lock (_received)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Close();
        }

        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                FakeIsoConnection connection;
                lock (_received)
                {
                    connection = new FakeIsoConnection(this, _connections.Count, socket);
                    _connections.Add(connection);
                }

                connection.Start();
                Signal();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
