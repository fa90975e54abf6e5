using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>
/// A seeded mutation fuzzer over framing and parsing. It corrupts valid frames (bit flips, byte
/// changes, inserts, deletes, length-prefix and bitmap corruption, truncation, header damage,
/// concatenation), cuts the byte stream into random segments, and runs it through what a server
/// does: read frames, parse, answer. Iteration i draws from its own generator seeded from (seed, i);
/// a failure reports the seed, the iteration, the input bytes and the segment cuts.
/// </summary>
internal sealed class FrameFuzzer
{
    private const int MaxFramesPerStream = 64;
    private readonly int _seed;
    private readonly FrameMutator _mutator;
    private readonly Iso8583Message _segmented = new();
    private readonly Iso8583Message _contiguous = new();
    private readonly Iso8583Message _answer = new();
    private readonly Iso8583MessageBuilder _builder = new();
    private readonly ArrayBufferWriter<byte> _writer = new();

    public FrameFuzzer(int seed, IEnumerable<byte[]> corpus)
    {
        _seed = seed;
        _mutator = new FrameMutator(corpus);
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
            var stream = _mutator.Mutate(random);
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
}
