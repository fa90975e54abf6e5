using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// The frame layout of the node-to-node protocol (docs/cluster-transport.md): a little-endian u32
/// length of what follows, a <see cref="FrameKind"/> byte, then the body. Bodies:
/// handshake u16 version, i64 incarnation, node id (UTF-8, the rest);
/// send i64 correlation (0: a tell), u32 timeout in ms, u8 recipient length, recipient (ASCII), payload (the rest);
/// reply i64 correlation, u8 status, payload or error text (the rest); goodbye the reason (UTF-8).
/// </summary>
public static class TransportFrames
{
    public const ushort ProtocolVersion = 1;
    public const int MaxRecipientBytes = 255;
    public const int MaxNodeIdBytes = 255;
    private const int LengthSize = 4;
    private const int SendHeader = 1 + 8 + 4 + 1;
    private const int ReplyHeader = 1 + 8 + 1;
    private const int HandshakeHeader = 1 + 2 + 8;

    public static int SendSize(int recipientBytes, int payloadBytes) => LengthSize + SendHeader + recipientBytes + payloadBytes;

    public static int ReplySize(int payloadBytes) => LengthSize + ReplyHeader + payloadBytes;

    /// <summary>A node id fits the handshake: 1 to <see cref="MaxNodeIdBytes"/> bytes of UTF-8.</summary>
    public static bool IsValidNodeId(string nodeId) => Encoding.UTF8.GetByteCount(nodeId) is > 0 and <= MaxNodeIdBytes;

    public static void CheckNodeId(string nodeId, string paramName)
    {
        if (!IsValidNodeId(nodeId))
        {
            throw new ArgumentException($"a node id is 1 to {MaxNodeIdBytes} bytes of UTF-8", paramName);
        }
    }

    /// <summary>A recipient name as it travels: 1 to <see cref="MaxRecipientBytes"/> ASCII characters.</summary>
    public static byte[] RecipientName(string name, string paramName)
    {
        if (name.Length is 0 or > MaxRecipientBytes || !Ascii.IsValid(name))
        {
            throw new ArgumentException($"recipient name '{name}' must be 1 to {MaxRecipientBytes} ASCII characters", paramName);
        }

        return Encoding.ASCII.GetBytes(name);
    }

    public static void WriteHandshake(IBufferWriter<byte> output, FrameKind kind, PeerIdentity identity)
    {
        CheckNodeId(identity.NodeId, nameof(identity));
        var id = Encoding.UTF8.GetBytes(identity.NodeId);

        var span = Begin(output, HandshakeHeader + id.Length, kind);
        BinaryPrimitives.WriteUInt16LittleEndian(span, ProtocolVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[2..], identity.Incarnation);
        id.CopyTo(span[10..]);
        output.Advance(LengthSize + HandshakeHeader + id.Length);
    }

    public static void WriteSend(IBufferWriter<byte> output, long correlation, TimeSpan timeout, ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> payload)
    {
        if (recipient.Length is 0 or > MaxRecipientBytes)
        {
            throw new ArgumentException($"a recipient name is 1 to {MaxRecipientBytes} bytes", nameof(recipient));
        }

        var span = Begin(output, SendHeader + recipient.Length + payload.Length, FrameKind.Send);
        BinaryPrimitives.WriteInt64LittleEndian(span, correlation);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)Math.Clamp(timeout.TotalMilliseconds, 0, uint.MaxValue));
        span[12] = (byte)recipient.Length;
        recipient.CopyTo(span[13..]);
        payload.CopyTo(span[(13 + recipient.Length)..]);
        output.Advance(SendSize(recipient.Length, payload.Length));
    }

    public static void WriteReply(IBufferWriter<byte> output, long correlation, RemoteStatus status, ReadOnlySpan<byte> payload)
    {
        var span = Begin(output, ReplyHeader + payload.Length, FrameKind.Reply);
        BinaryPrimitives.WriteInt64LittleEndian(span, correlation);
        span[8] = (byte)status;
        payload.CopyTo(span[9..]);
        output.Advance(ReplySize(payload.Length));
    }

    public static void WriteGoodbye(IBufferWriter<byte> output, string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var span = Begin(output, 1 + text.Length, FrameKind.Goodbye);
        text.CopyTo(span);
        output.Advance(LengthSize + 1 + text.Length);
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>, or returns false when it is
    /// not all there yet. A length beyond <paramref name="maxFrameBytes"/> or an unknown kind is a
    /// protocol error: nothing after it can be trusted to be a frame boundary.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out FrameKind kind, out ReadOnlySequence<byte> body)
    {
        kind = default;
        body = default;
        if (buffer.Length < LengthSize + 1)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[LengthSize + 1];
        buffer.Slice(0, LengthSize + 1).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < 1 || length > (uint)maxFrameBytes)
        {
            throw new TransportProtocolException($"frame length {length} is outside 1 to {maxFrameBytes} bytes");
        }

        if (buffer.Length < LengthSize + length)
        {
            return false;
        }

        kind = (FrameKind)header[LengthSize];
        if (kind is < FrameKind.Hello or > FrameKind.Goodbye)
        {
            throw new TransportProtocolException($"unknown frame kind {header[LengthSize]}");
        }

        body = buffer.Slice(LengthSize + 1, length - 1);
        buffer = buffer.Slice(LengthSize + length);
        return true;
    }

    public static PeerIdentity ReadHandshake(ReadOnlySpan<byte> body, out ushort version)
    {
        if (body.Length < HandshakeHeader || body.Length - (HandshakeHeader - 1) > MaxNodeIdBytes)
        {
            throw new TransportProtocolException($"a handshake body of {body.Length} bytes is malformed");
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var incarnation = BinaryPrimitives.ReadInt64LittleEndian(body[2..]);
        return new PeerIdentity(Text(body[10..], "node id"), incarnation);
    }

    public static void ReadSend(ReadOnlySpan<byte> body, out long correlation, out TimeSpan timeout, out ReadOnlySpan<byte> recipient, out ReadOnlySpan<byte> payload)
    {
        if (body.Length < SendHeader - 1 || body.Length < SendHeader - 1 + body[12])
        {
            throw new TransportProtocolException($"a send body of {body.Length} bytes is shorter than its header");
        }

        correlation = BinaryPrimitives.ReadInt64LittleEndian(body);
        timeout = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadUInt32LittleEndian(body[8..]));
        recipient = body.Slice(13, body[12]);
        payload = body[(13 + recipient.Length)..];
    }

    public static void ReadReply(ReadOnlySpan<byte> body, out long correlation, out RemoteStatus status, out ReadOnlySpan<byte> payload)
    {
        if (body.Length < ReplyHeader - 1)
        {
            throw new TransportProtocolException($"a reply body of {body.Length} bytes is shorter than its header");
        }

        correlation = BinaryPrimitives.ReadInt64LittleEndian(body);
        status = (RemoteStatus)body[8];
        if (status > RemoteStatus.Failed)
        {
            throw new TransportProtocolException($"unknown reply status {body[8]}");
        }

        payload = body[9..];
    }

    /// <summary>Text of a handshake, goodbye or error reply; invalid UTF-8 is a protocol error, not a replacement character.</summary>
    public static string Text(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new TransportProtocolException($"the {what} is not valid UTF-8", exception);
        }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Span<byte> Begin(IBufferWriter<byte> output, int lengthAfterPrefix, FrameKind kind)
    {
        var span = output.GetSpan(LengthSize + lengthAfterPrefix);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)lengthAfterPrefix);
        span[LengthSize] = (byte)kind;
        return span.Slice(LengthSize + 1, lengthAfterPrefix - 1);
    }
}
