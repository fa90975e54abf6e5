using System.Buffers;
using CardActors.Runtime.Remoting;

namespace CardActors.Runtime.Tests.Remoting;

public sealed class TransportFramesTests
{
    [Fact]
    public void A_send_frame_reads_back_whole_and_only_once_all_of_it_has_arrived()
    {
        var output = new ArrayBufferWriter<byte>();
        TransportFrames.WriteSend(output, 42, TimeSpan.FromMilliseconds(1500), "card"u8, [1, 2, 3]);
        TransportFrames.WriteReply(output, 42, RemoteStatus.Ok, [9]);
        var bytes = output.WrittenMemory;

        for (var cut = 0; cut < TransportFrames.SendSize(4, 3); cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes[..cut]);
            Assert.False(TransportFrames.TryRead(ref partial, 1024, out _, out _));
        }

        var all = new ReadOnlySequence<byte>(bytes);
        Assert.True(TransportFrames.TryRead(ref all, 1024, out var kind, out var body));
        Assert.Equal(FrameKind.Send, kind);
        TransportFrames.ReadSend(body.ToArray(), out var correlation, out var timeout, out var recipient, out var payload);
        Assert.Equal(42, correlation);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), timeout);
        Assert.Equal("card"u8.ToArray(), recipient.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, payload.ToArray());

        Assert.True(TransportFrames.TryRead(ref all, 1024, out kind, out body));
        Assert.Equal(FrameKind.Reply, kind);
        TransportFrames.ReadReply(body.ToArray(), out correlation, out var status, out payload);
        Assert.Equal((42L, RemoteStatus.Ok, 9), (correlation, status, payload[0]));
        Assert.True(all.IsEmpty);
    }

    [Fact]
    public void A_handshake_carries_the_node_and_its_incarnation()
    {
        var output = new ArrayBufferWriter<byte>();
        TransportFrames.WriteHandshake(output, FrameKind.Hello, new PeerIdentity("node-1", 638_000_000_000_000_000));
        var all = new ReadOnlySequence<byte>(output.WrittenMemory);

        Assert.True(TransportFrames.TryRead(ref all, 1024, out var kind, out var body));

        Assert.Equal(FrameKind.Hello, kind);
        Assert.Equal(new PeerIdentity("node-1", 638_000_000_000_000_000), TransportFrames.ReadHandshake(body.ToArray(), out var version));
        Assert.Equal(TransportFrames.ProtocolVersion, version);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 3 }, "frame length 0")]
    [InlineData(new byte[] { 0, 4, 0, 0, 3 }, "frame length 1024")]
    [InlineData(new byte[] { 1, 0, 0, 0, 9 }, "unknown frame kind 9")]
    public void A_bad_length_or_kind_is_a_protocol_error(byte[] frame, string message)
    {
        var buffer = new ReadOnlySequence<byte>(frame);

        var error = Assert.Throws<TransportProtocolException>(() => TransportFrames.TryRead(ref buffer, 1000, out _, out _));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_bodies_and_unknown_statuses_are_protocol_errors()
    {
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadSend(new byte[12], out _, out _, out _, out _));
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadSend([.. new byte[12], 5, 1], out _, out _, out _, out _)); // recipient runs past the end
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadReply(new byte[8], out _, out _, out _));
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadReply([.. new byte[8], 77], out _, out _, out _));
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadHandshake(new byte[10], out _)); // no node id
        Assert.Throws<TransportProtocolException>(() => TransportFrames.ReadHandshake([.. new byte[10], 0xC3], out _)); // not UTF-8
    }
}
