using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CardActors.Runtime.Ask;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Remoting;
using CardActors.Runtime.Tests.Entities;
using CardActors.TestKit;
using CardActors.TestKit.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Runtime.Tests.Remoting;

public sealed class TransportTests : IAsyncLifetime
{
    private static readonly TransportSettings Settings = new() { AskTimeout = TimeSpan.FromSeconds(30) };
    private readonly AccountRegion _accounts = new(new InMemoryJournal());
    private readonly ManualTimeProvider _clientTime = new();
    private readonly SilentRecipient _silent = new();
    private TransportListener _listener = null!;
    private LoopbackTransportServer _server = null!;
    private TransportClient _client = null!;
    private RemoteRegion<long, AccountCommand, AccountReply> _remote = null!;

    public async Task InitializeAsync()
    {
        var recipients = new RemoteRecipients(new Dictionary<string, IRemoteRecipient>
        {
            ["account"] = new RegionRecipient<long, AccountCommand, AccountReply>(_accounts.Region, new AccountWireFormat()),
            ["silent"] = _silent,
        });
        _listener = new TransportListener(new PeerIdentity("node-b", 2), recipients, Settings, TimeProvider.System, NullLogger.Instance);
        _server = new LoopbackTransportServer(_listener);
        _client = new TransportClient(_server.EndPoint, new PeerIdentity("node-a", 1), Settings, _clientTime, NullLogger.Instance);
        _remote = new RemoteRegion<long, AccountCommand, AccountReply>(_client, "account", new AccountWireFormat());
        _client.Start();
        await _client.WaitUntilConnectedAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        _accounts.Dispose();
    }

    [Fact]
    public async Task An_ask_reaches_the_entity_on_the_other_node_and_its_reply_comes_back()
    {
        Assert.Equal(new PeerIdentity("node-b", 2), _client.Peer);
        await Eventually.True(() => _listener.Peers.Count == 1, "the listener lists its peer");
        Assert.Equal(new PeerIdentity("node-a", 1), _listener.Peers[0].Peer);

        var credited = await _remote.Ask(7, new Credit(500));
        var debited = await _remote.Ask(7, new Debit(120));

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 500, 1), credited);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 380, 2), debited);
        Assert.Equal(380, (await _accounts.Ask(7, ReadBalance.Instance)).Balance); // the state is on node b
    }

    [Fact]
    public async Task Tells_and_asks_on_one_connection_arrive_in_the_order_sent()
    {
        for (var i = 1; i <= 100; i++)
        {
            _remote.Tell(3, new Credit(i));
        }

        var balance = await _remote.Ask(3, ReadBalance.Instance);

        Assert.Equal(5050, balance.Balance);
        Assert.Equal(100, balance.SequenceNr);
    }

    [Fact]
    public async Task Thousands_of_concurrent_asks_each_get_their_own_reply()
    {
        var asks = Enumerable.Range(0, 4000).Select(i => _remote.Ask(i % 400, new Credit(i + 1)).AsTask()).ToArray();
        var replies = await Task.WhenAll(asks);

        Assert.All(replies, r => Assert.Equal(AccountOutcome.Ok, r.Outcome));
        for (var key = 0; key < 400; key++)
        {
            var expected = Enumerable.Range(0, 4000).Where(i => i % 400 == key).Sum(i => (long)i + 1);
            Assert.Equal(expected, (await _accounts.Ask(key, ReadBalance.Instance)).Balance);
        }

        Assert.Equal(0, _client.PendingAsks);
    }

    [Fact]
    public async Task An_unknown_recipient_is_refused_by_name()
    {
        var stranger = new RemoteRegion<long, AccountCommand, AccountReply>(_client, "merchant", new AccountWireFormat());

        var refused = await Assert.ThrowsAsync<RemoteRefusedException>(() => stranger.Ask(1, new Credit(1)).AsTask());

        Assert.Equal(RemoteStatus.UnknownRecipient, refused.Status);
        Assert.Contains("'merchant'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("node-b", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_the_recipient_cannot_decode_is_refused_and_nothing_is_delivered()
    {
        var garbled = new RemoteRegion<long, AccountCommand, AccountReply>(_client, "account", new TruncatingFormat(new AccountWireFormat()));

        var refused = await Assert.ThrowsAsync<RemoteRefusedException>(() => garbled.Ask(9, new Credit(10)).AsTask());

        Assert.Equal(RemoteStatus.BadPayload, refused.Status);
        Assert.Contains("17 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await _accounts.Ask(9, ReadBalance.Instance)).Balance);
        Assert.True(_client.IsConnected); // a bad message is not a reason to drop the connection
    }

    [Fact]
    public async Task An_ask_without_a_reply_times_out_at_its_deadline()
    {
        var silent = new RemoteRegion<long, AccountCommand, AccountReply>(_client, "silent", new AccountWireFormat());
        var ask = silent.Ask(1, new Credit(1), TimeSpan.FromSeconds(2)).AsTask();
        await _silent.Received.Task;

        _clientTime.Advance(TimeSpan.FromSeconds(1));
        Assert.False(ask.IsCompleted);
        _clientTime.Advance(TimeSpan.FromSeconds(1.1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Equal(0, _client.PendingAsks);
    }

    [Fact]
    public async Task A_lost_connection_fails_the_asks_in_flight_and_the_client_reconnects_with_back_off()
    {
        var silent = new RemoteRegion<long, AccountCommand, AccountReply>(_client, "silent", new AccountWireFormat());
        var inFlight = silent.Ask(1, new Credit(1)).AsTask();
        await _silent.Received.Task;
        var port = _server.EndPoint.Port;

        await _server.DisposeAsync(); // node b goes away

        await Assert.ThrowsAsync<RemoteUnavailableException>(() => inFlight);
        await Eventually.True(() => !_client.IsConnected, "the client notices");
        var whileDown = await Assert.ThrowsAsync<RemoteUnavailableException>(() => _remote.Ask(1, new Credit(1)).AsTask());
        Assert.Contains("not connected", whileDown.Message, StringComparison.Ordinal);

        _server = new LoopbackTransportServer(_listener, port); // node b is back on its address
        var reconnected = _client.WaitUntilConnectedAsync();
        while (!reconnected.IsCompleted)
        {
            _clientTime.Advance(TimeSpan.FromMilliseconds(100)); // the back-off runs on the client's clock
            await Task.WhenAny(reconnected, Task.Delay(10));
        }

        Assert.Equal(AccountOutcome.Ok, (await _remote.Ask(1, new Credit(5))).Outcome);
    }

    [Fact]
    public async Task A_peer_that_breaks_the_frame_protocol_is_disconnected_and_the_node_serves_on()
    {
        using var rogue = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await rogue.ConnectAsync(_server.EndPoint);
        var hello = new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1 }; // a 2 GB frame
        await rogue.SendAsync(hello);

        var answer = await ReadToEndAsync(rogue);

        Assert.Equal(FrameKind.Goodbye, (FrameKind)answer[4]);
        Assert.Contains("frame length", System.Text.Encoding.UTF8.GetString(answer, 5, answer.Length - 5), StringComparison.Ordinal);
        Assert.Equal(AccountOutcome.Ok, (await _remote.Ask(2, new Credit(1))).Outcome);
    }

    [Fact]
    public async Task A_peer_speaking_another_protocol_version_is_told_why_and_disconnected()
    {
        using var old = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await old.ConnectAsync(_server.EndPoint);
        var hello = new byte[4 + 1 + 2 + 8 + 3];
        BinaryPrimitives.WriteUInt32LittleEndian(hello, (uint)(hello.Length - 4));
        hello[4] = (byte)FrameKind.Hello;
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(5), 99);
        "old"u8.CopyTo(hello.AsSpan(15));
        await old.SendAsync(hello);

        var answer = await ReadToEndAsync(old);

        Assert.Equal(FrameKind.Goodbye, (FrameKind)answer[4]);
        Assert.Contains("version 99", System.Text.Encoding.UTF8.GetString(answer, 5, answer.Length - 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_that_arrive_together_with_the_hello_are_served_without_waiting_for_more()
    {
        using var peer = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await peer.ConnectAsync(_server.EndPoint);
        var frames = new ArrayBufferWriter<byte>();
        TransportFrames.WriteHandshake(frames, FrameKind.Hello, new PeerIdentity("eager", 1));
        var request = new ArrayBufferWriter<byte>();
        new AccountWireFormat().WriteRequest(11, new Credit(40), request);
        TransportFrames.WriteSend(frames, 1, TimeSpan.FromSeconds(10), "account"u8, request.WrittenSpan);
        await peer.SendAsync(frames.WrittenMemory); // one write: the Send sits right behind the Hello

        var received = new List<byte>();
        var buffer = new byte[1024];
        var kinds = new List<FrameKind>();
        while (kinds.Count < 2)
        {
            var read = await peer.ReceiveAsync(buffer);
            Assert.True(read > 0, "the node closed the connection");
            received.AddRange(buffer.AsSpan(0, read));
            var sequence = new ReadOnlySequence<byte>(received.ToArray());
            kinds.Clear();
            while (TransportFrames.TryRead(ref sequence, 1 << 20, out var kind, out _))
            {
                kinds.Add(kind);
            }
        }

        Assert.Equal([FrameKind.Welcome, FrameKind.Reply], kinds);
        Assert.Equal(40, (await _accounts.Ask(11, ReadBalance.Instance)).Balance);
    }

    [Fact]
    public async Task A_reply_over_the_frame_limit_is_answered_as_a_failure_and_the_connection_stays_up()
    {
        var small = new TransportSettings { MaxFrameBytes = 1024, OutboxBytes = 1 << 20 };
        var listener = new TransportListener(new PeerIdentity("node-c", 3),
            new RemoteRecipients(new Dictionary<string, IRemoteRecipient> { ["big"] = new BigReplyRecipient(2_000), ["small"] = new BigReplyRecipient(17) }),
            small, TimeProvider.System, NullLogger.Instance);
        await using var server = new LoopbackTransportServer(listener);
        await using var client = new TransportClient(server.EndPoint, new PeerIdentity("node-a", 1), small, _clientTime, NullLogger.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync();

        var refused = await Assert.ThrowsAsync<RemoteRefusedException>(() =>
            new RemoteRegion<long, AccountCommand, AccountReply>(client, "big", new AccountWireFormat()).Ask(1, new Credit(1)).AsTask());
        var answered = await new RemoteRegion<long, AccountCommand, AccountReply>(client, "small", new AccountWireFormat()).Ask(1, new Credit(1));

        Assert.Equal(RemoteStatus.Failed, refused.Status);
        Assert.Contains("frame limit", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AccountOutcome.Ok, answered.Outcome);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Waiting_for_a_connection_ends_when_the_client_is_closed()
    {
        var client = new TransportClient(new IPEndPoint(IPAddress.Loopback, 1), new PeerIdentity("node-x", 1), Settings, _clientTime, NullLogger.Instance);
        client.Start();
        var waiting = client.WaitUntilConnectedAsync();

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            received.AddRange(buffer.AsSpan(0, read));
        }

        return [.. received];
    }

    /// <summary>Answers every ask with a reply of the given size (an account reply's 17 bytes is a valid one).</summary>
    private sealed class BigReplyRecipient(int bytes) : IRemoteRecipient
    {
        public void Deliver(ReadOnlySpan<byte> payload, long correlation, TimeSpan timeout, IRemoteReplies replies) =>
            replies.Reply(correlation, RemoteStatus.Ok, new byte[bytes]);
    }

    /// <summary>Takes every message and never answers.</summary>
    private sealed class SilentRecipient : IRemoteRecipient
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Deliver(ReadOnlySpan<byte> payload, long correlation, TimeSpan timeout, IRemoteReplies replies) => Received.TrySetResult();
    }

    /// <summary>Sends requests one byte short, as a peer with an older format might.</summary>
    private sealed class TruncatingFormat(AccountWireFormat inner) : IWireFormat<long, AccountCommand, AccountReply>
    {
        public void WriteRequest(long key, AccountCommand command, System.Buffers.IBufferWriter<byte> output)
        {
            var whole = new System.Buffers.ArrayBufferWriter<byte>();
            inner.WriteRequest(key, command, whole);
            output.Write(whole.WrittenSpan[..^1]);
        }

        public (long Key, AccountCommand Command) ReadRequest(ReadOnlySpan<byte> input) => inner.ReadRequest(input);

        public void WriteReply(in AccountReply reply, System.Buffers.IBufferWriter<byte> output) => inner.WriteReply(reply, output);

        public AccountReply ReadReply(ReadOnlySpan<byte> input) => inner.ReadReply(input);
    }
}
