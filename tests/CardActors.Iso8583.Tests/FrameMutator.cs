using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>
/// Damages a framed message taken from a valid corpus: bit flips, byte changes, inserts, deletes,
/// length-prefix and bitmap corruption, truncation, header damage and concatenation of frames.
/// Most results get a header that matches their new length, so that the parser (not only the
/// framer) sees them.
/// </summary>
internal sealed class FrameMutator
{
    private readonly byte[][] _corpus;
    private readonly int[][] _prefixOffsets;

    public FrameMutator(IEnumerable<byte[]> corpus)
    {
        _corpus = corpus.ToArray();
        _prefixOffsets = _corpus.Select(LengthPrefixOffsets).ToArray();
    }

    public byte[] Mutate(Random random)
    {
        var index = random.Next(_corpus.Length);
        var bytes = new List<byte>(_corpus[index]);
        var fixHeader = random.Next(10) < 7;
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 5)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 5), bytes.Count - at));
                    break;
                case 4:
                    CorruptLengthPrefix(bytes, _prefixOffsets[index], random);
                    break;
                case 5:
                    var bitmapByte = 4 + random.Next(16);
                    if (bitmapByte < bytes.Count)
                    {
                        bytes[bitmapByte] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 6:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 7:
                    fixHeader = false;
                    var declared = random.Next(3) switch
                    {
                        0 => random.Next(65536),
                        1 => bytes.Count - 2 + random.Next(-3, 4),
                        _ => Iso8583Framing.MaxMessageLength + random.Next(0, 3),
                    };
                    SetHeader(bytes, Math.Clamp(declared, 0, 65535));
                    break;
                default:
                    bytes.AddRange(_corpus[random.Next(_corpus.Length)]);
                    break;
            }
        }

        if (fixHeader && bytes.Count >= 2)
        {
            SetHeader(bytes, Math.Min(bytes.Count - 2, 65535));
        }

        return [.. bytes];
    }

    private static void CorruptLengthPrefix(List<byte> bytes, int[] offsets, Random random)
    {
        if (offsets.Length == 0)
        {
            return;
        }

        var offset = offsets[random.Next(offsets.Length)];
        if (offset < bytes.Count)
        {
            bytes[offset] = random.Next(3) switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)(bytes[offset] + 1),
                _ => (byte)(bytes[offset] - 1),
            };
        }
    }

    private static void SetHeader(List<byte> bytes, int length)
    {
        while (bytes.Count < 2)
        {
            bytes.Add(0);
        }

        bytes[0] = (byte)(length >> 8);
        bytes[1] = (byte)length;
    }

    /// <summary>Offsets (in the framed bytes) of every length-prefix byte of the frame's variable fields.</summary>
    private static int[] LengthPrefixOffsets(byte[] framed)
    {
        using var message = new Iso8583Message();
        if (!message.TryParse(framed.AsMemory(2), out _))
        {
            return [];
        }

        var offsets = new List<int>();
        for (var field = 2; field <= FieldNumber.Max; field++)
        {
            var prefix = FieldSpecs.Get(field).PrefixBytes;
            if (prefix > 0 && message.Has(field) && message.Frame.Overlaps(message.GetRaw(field), out var raw))
            {
                offsets.AddRange(Enumerable.Range(2 + raw - prefix, prefix));
            }
        }

        return [.. offsets];
    }
}
