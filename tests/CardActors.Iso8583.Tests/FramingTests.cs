using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

public sealed class FramingTests
{
    private static readonly byte[] Purchase = Samples.Frame("0200 purchase");
    private static readonly byte[] SignOn = Samples.Frame("0800 sign-on");

    [Fact]
    public void Incomplete_header_or_body_waits_for_more_bytes()
    {
        for (var length = 0; length < Purchase.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Purchase, 0, length);
            Assert.False(Iso8583Framing.TryReadFrame(ref buffer, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void Frames_are_taken_one_after_another_and_the_rest_is_left()
    {
        byte[] stream = [.. Purchase, .. SignOn, .. Purchase.AsSpan(0, 30)];
        foreach (var cuts in new[] { Array.Empty<int>(), [1], [1, 2, 3, Purchase.Length + 1], Enumerable.Range(1, stream.Length).ToArray() })
        {
            var buffer = Wire.Segmented(stream, cuts);
            Assert.True(Iso8583Framing.TryReadFrame(ref buffer, out var first));
            Assert.True(Iso8583Framing.TryReadFrame(ref buffer, out var second));
            Assert.False(Iso8583Framing.TryReadFrame(ref buffer, out _));
            Assert.Equal(Purchase.AsSpan(2).ToArray(), first.ToArray());
            Assert.Equal(SignOn.AsSpan(2).ToArray(), second.ToArray());
            Assert.Equal(30, buffer.Length);
        }
    }

    [Theory]
    [InlineData(0x00, 0x00, 0)]
    [InlineData(0x08, 0x01, 2049)]
    [InlineData(0xFF, 0xFF, 65535)]
    public void A_header_no_frame_can_have_is_a_framing_error(byte high, byte low, int declared)
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { high, low, 0x02, 0x00 });
        var error = Assert.Throws<Iso8583FramingException>(() => Iso8583Framing.TryReadFrame(ref buffer, out _));
        Assert.Equal(declared, error.DeclaredLength);
    }

    [Fact]
    public void The_largest_frame_is_accepted()
    {
        var bytes = new byte[2 + Iso8583Framing.MaxMessageLength];
        Iso8583Framing.WriteHeader(bytes, Iso8583Framing.MaxMessageLength);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(Iso8583Framing.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(Iso8583Framing.MaxMessageLength, frame.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Writing_a_header_checks_the_length()
    {
        var header = new byte[2];
        Iso8583Framing.WriteHeader(header, 0x0123);
        Assert.Equal(new byte[] { 0x01, 0x23 }, header);
        Assert.Throws<ArgumentOutOfRangeException>(() => Iso8583Framing.WriteHeader(header, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Iso8583Framing.WriteHeader(header, Iso8583Framing.MaxMessageLength + 1));

        var writer = new ArrayBufferWriter<byte>();
        Iso8583Framing.WriteFrame(writer, Purchase.AsSpan(2));
        Assert.Equal(Purchase, writer.WrittenSpan.ToArray());
    }
}
