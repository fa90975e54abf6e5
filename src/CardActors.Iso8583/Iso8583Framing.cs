using System.Buffers;
using System.Buffers.Binary;

namespace CardActors.Iso8583;

/// <summary>
/// TCP framing: every message is preceded by a 2-byte big-endian header giving the length of the
/// message that follows (not counting the header), 1 to <see cref="MaxMessageLength"/>.
/// </summary>
public static class Iso8583Framing
{
    public const int HeaderLength = 2;

    /// <summary>Largest message accepted or written, header excluded.</summary>
    public const int MaxMessageLength = 2048;

    /// <summary>
    /// Takes the next complete frame off the front of <paramref name="buffer"/>. Returns false (and
    /// leaves the buffer as is) when more bytes are needed. Throws <see cref="Iso8583FramingException"/>
    /// when the header declares 0 or more than <see cref="MaxMessageLength"/> bytes: the stream has
    /// lost its framing and the connection must be closed.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        int length;
        var first = buffer.FirstSpan;
        if (first.Length >= HeaderLength)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(first);
        }
        else
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            buffer.Slice(0, HeaderLength).CopyTo(header);
            length = BinaryPrimitives.ReadUInt16BigEndian(header);
        }

        if (length is 0 or > MaxMessageLength)
        {
            throw new Iso8583FramingException(length);
        }

        if (buffer.Length - HeaderLength < length)
        {
            return false;
        }

        frame = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>Writes the header for a message of <paramref name="messageLength"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int messageLength)
    {
        if (messageLength is < 1 or > MaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(messageLength), messageLength,
                $"A message is 1 to {MaxMessageLength} bytes.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)messageLength);
    }

    /// <summary>Writes header and message to <paramref name="writer"/>.</summary>
    public static void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> message)
    {
        var span = writer.GetSpan(HeaderLength + message.Length);
        WriteHeader(span, message.Length);
        message.CopyTo(span[HeaderLength..]);
        writer.Advance(HeaderLength + message.Length);
    }
}
