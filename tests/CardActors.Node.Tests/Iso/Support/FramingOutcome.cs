using System.Buffers.Binary;
using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// What the gateway's framer must make of a byte sequence sent on a fresh stream (docs/iso8583.md §1):
/// how many complete frames it holds, whether a header of 0 or more than 2048 breaks the framing
/// (the connection is then closed), and whether an incomplete frame is left waiting for more bytes.
/// </summary>
internal readonly record struct FramingOutcome(int Frames, bool Broken, bool Incomplete)
{
    public static FramingOutcome Of(ReadOnlySpan<byte> bytes)
    {
        var frames = 0;
        var position = 0;
        while (bytes.Length - position >= Iso8583Framing.HeaderLength)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length is 0 or > Iso8583Framing.MaxMessageLength)
            {
                return new FramingOutcome(frames, Broken: true, Incomplete: false);
            }

            if (bytes.Length - position - Iso8583Framing.HeaderLength < length)
            {
                return new FramingOutcome(frames, Broken: false, Incomplete: true);
            }

            position += Iso8583Framing.HeaderLength + length;
            frames++;
        }

        return new FramingOutcome(frames, Broken: false, Incomplete: position != bytes.Length);
    }
}
