using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>Test plumbing: hex, multi-segment sequences, rebuilding a parsed message field by field.</summary>
internal static class Wire
{
    public static byte[] Hex(string hex) => Convert.FromHexString(new string(hex.Where(Uri.IsHexDigit).ToArray()));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>The message of a framed byte array (header stripped), checking the header.</summary>
    public static ReadOnlyMemory<byte> Body(byte[] framed)
    {
        Assert.Equal(framed.Length - 2, (framed[0] << 8) | framed[1]);
        return framed.AsMemory(2);
    }

    /// <summary>Splits <paramref name="bytes"/> into a sequence of segments cut at <paramref name="cuts"/>.</summary>
    public static ReadOnlySequence<byte> Segmented(ReadOnlySpan<byte> bytes, IEnumerable<int> cuts)
    {
        var length = bytes.Length;
        var points = cuts.Where(c => c > 0 && c < length).Distinct().Order().ToList();
        if (points.Count == 0)
        {
            return new ReadOnlySequence<byte>(bytes.ToArray());
        }

        points.Add(bytes.Length);
        var first = new Segment(bytes[..points[0]].ToArray(), 0);
        var last = first;
        for (var i = 1; i < points.Count; i++)
        {
            last = last.Append(bytes[points[i - 1]..points[i]].ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Rebuilds a parsed message through the builder's typed setters; a MAC field is copied unless a key is given.</summary>
    public static byte[] Rebuild(Iso8583Message message, MacKey? key)
    {
        using var builder = new Iso8583MessageBuilder();
        builder.Reset(message.Mti);
        Span<byte> digits = stackalloc byte[64];
        for (var field = 2; field <= FieldNumber.Max; field++)
        {
            if (!message.Has(field) || (key is not null && field == message.MacField))
            {
                continue;
            }

            switch (FieldSpecs.Get(field).Format)
            {
                case FieldFormat.Numeric:
                    builder.SetDigits(field, digits[..message.CopyDigits(field, digits)]);
                    break;
                case FieldFormat.Binary:
                    builder.SetBinary(field, message.GetBinary(field));
                    break;
                default:
                    builder.SetText(field, message.GetText(field));
                    break;
            }
        }

        var writer = new ArrayBufferWriter<byte>();
        builder.WriteFramedTo(writer, key);
        return writer.WrittenSpan.ToArray();
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
