using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>
/// A seeded mutation fuzzer over framing and parsing. It corrupts valid frames (bit flips, byte
/// changes, inserts, deletes, length-prefix and bitmap corruption, truncation, header damage,
/// concatenation), cuts the byte stream into random segments, and runs it through what a server
/// does: read frames, parse, answer. Iteration i uses its own generator seeded from (seed, i), so a
/// failure is replayed from the two numbers printed with it.
/// </summary>
internal sealed class FrameFuzzer
{
    private const int MaxFramesPerStream = 64;
    private readonly int _seed;
    private readonly byte[][] _corpus;
    private readonly int[][] _prefixOffsets;
    private readonly Iso8583Message _segmented = new();
    private readonly Iso8583Message _contiguous = new();
    private readonly Iso8583Message _answer = new();
    private readonly Iso8583MessageBuilder _builder = new();
    private readonly ArrayBufferWriter<byte> _writer = new();

    public FrameFuzzer(int seed, IEnumerable<byte[]> corpus)
    {
        _seed = seed;
        _corpus = corpus.ToArray();
        _prefixOffsets = _corpus.Select(LengthPrefixOffsets).ToArray();
    }

    public long Parsed { get; private set; }

    public long FormatErrors { get; private set; }

    public long FramingErrors { get; private set; }

    public Dictionary<Iso8583ErrorKind, long> ErrorKinds { get; } = [];

    public void Run(int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            var random = new Random(IterationSeed(i));
            var stream = Mutated(random);
            var cuts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(1, Math.Max(2, stream.Length))).ToArray();
            try
            {
                Serve(Wire.Segmented(stream, cuts));
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"seed {_seed} iteration {i}: {ex.GetType().Name}: {ex.Message}\ninput {Convert.ToHexString(stream)}\ncuts {string.Join(',', cuts)}\n{ex}");
            }
        }
    }

    private int IterationSeed(int iteration)
    {
        var z = unchecked(((ulong)(uint)_seed << 32 | (uint)iteration) + 0x9E3779B97F4A7C15);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return (int)(z ^ (z >> 31));
    }

    private void Serve(ReadOnlySequence<byte> stream)
    {
        var frames = 0;
        try
        {
            while (Iso8583Framing.TryReadFrame(ref stream, out var frame))
            {
                if (++frames > MaxFramesPerStream)
                {
                    throw new Xunit.Sdk.XunitException("the framer does not advance");
                }

                Check(frame);
            }
        }
        catch (Iso8583FramingException)
        {
            FramingErrors++;
        }
    }

    private void Check(ReadOnlySequence<byte> frame)
    {
        var ok = _segmented.TryParse(frame, out var error);
        var okContiguous = _contiguous.TryParse(frame.ToArray(), out var errorContiguous);
        Assert.Equal(ok, okContiguous);
        Assert.Equal(error, errorContiguous);
        Assert.Equal(_segmented.Fields, _contiguous.Fields);

        if (ok)
        {
            Parsed++;
            ReadEverything(_segmented);
            Assert.Equal(Convert.ToHexString(_segmented.Frame), Convert.ToHexString(Wire.Rebuild(_segmented, key: null).AsSpan(2)));
            if (MessageTypes.IsRequest(_segmented.MessageType))
            {
                AnswerParses(_builder.BeginResponse(_segmented).SetResponseCode(12), formatError: false);
            }

            return;
        }

        FormatErrors++;
        ErrorKinds[error.Kind] = ErrorKinds.GetValueOrDefault(error.Kind) + 1;
        Assert.True(error.IsError);
        var text = error.ToString();
        Assert.False(string.IsNullOrEmpty(text));
        Assert.DoesNotContain(Samples.Pan, text, StringComparison.Ordinal);
        AnswerParses(_builder.BeginFormatErrorResponse(_segmented), formatError: true);
    }

    private void AnswerParses(Iso8583MessageBuilder answer, bool formatError)
    {
        _writer.ResetWrittenCount();
        answer.WriteFramedTo(_writer, formatError ? null : Samples.Key);
        if (!MessageTypes.IsDefined((MessageType)answer.Mti))
        {
            return;
        }

        Assert.True(_answer.TryParse(_writer.WrittenMemory[2..], out var error), $"answer does not parse: {error}");
        Assert.Equal(formatError, _answer.IsFormatErrorResponse);
    }

    private static void ReadEverything(Iso8583Message message)
    {
        Span<byte> digits = stackalloc byte[64];
        for (var field = 2; field <= FieldNumber.Max; field++)
        {
            if (!message.Has(field))
            {
                continue;
            }

            var spec = FieldSpecs.Get(field);
            Assert.Equal(spec.ContentBytes(message.GetLength(field)), message.GetRaw(field).Length);
            if (spec.Format == FieldFormat.Numeric)
            {
                message.CopyDigits(field, digits);
                Assert.Equal(message.GetLength(field) <= 18, message.TryGetNumeric(field, out _));
            }
        }

        foreach (var amount in message.GetAdditionalAmounts())
        {
            Assert.InRange(amount.Currency, 0, 999);
        }

        if (message.Has(FieldNumber.OriginalData))
        {
            message.GetOriginalData();
        }

        message.TryGetPaymentCode(out _);
        message.TryGetBatchNumber(out _);
        message.TryGetResponseCode(out _);
        if (message.MacField != 0)
        {
            Iso8583Mac.Verify(message, Samples.Key);
        }
    }

    private byte[] Mutated(Random random)
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
