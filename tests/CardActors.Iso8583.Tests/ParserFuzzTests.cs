using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace CardActors.Iso8583.Tests;

/// <summary>
/// The parser's robustness under a seeded mutation fuzzer. The normal suite runs a short run; set
/// CARDACTORS_FUZZ_FRAMES (e.g. 1000000) for a long one and CARDACTORS_FUZZ_SEED to change the seed.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int DefaultFrames = 20_000;
    private const int DefaultSeed = 8583;

    [Fact]
    public void Mutated_frames_never_escape_the_parser_and_every_failure_is_answered()
    {
        var frames = FromEnvironment("CARDACTORS_FUZZ_FRAMES", DefaultFrames);
        var seed = FromEnvironment("CARDACTORS_FUZZ_SEED", DefaultSeed);
        var corpus = Samples.All.Select(s => Samples.Frame(s.Build, s.Mac))
            .Concat(GoldenVectorTests.Vectors.Select(v => Wire.Hex(v.Hex)));
        var fuzzer = new FrameFuzzer(seed, corpus);
        output.WriteLine($"fuzz: seed {seed}, {frames} mutated frames");

        var clock = Stopwatch.StartNew();
        fuzzer.Run(frames);
        clock.Stop();

        output.WriteLine(
            $"fuzz: {frames} mutated frames in {clock.Elapsed.TotalSeconds:F1} s: {fuzzer.Parsed} frames parsed (corpus frames appended by concatenation included), " +
            $"{fuzzer.FormatErrors} format errors answered, {fuzzer.FramingErrors} framing errors");
        foreach (var (kind, count) in fuzzer.ErrorKinds.OrderByDescending(k => k.Value))
        {
            output.WriteLine($"  {kind}: {count}");
        }

        Assert.True(fuzzer.Parsed > 0 && fuzzer.FormatErrors > 0 && fuzzer.FramingErrors > 0,
            $"seed {seed}: the mutations do not reach every outcome");
    }

    private static int FromEnvironment(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;
}
