using System.Numerics;

namespace CardActors.LoadGen.Sampling;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Chosen over <see cref="Random"/> because a run must be
/// reproducible from its printed seed on any runtime version, and because each draw is a handful
/// of shifts and multiplies on the scheduler's hot path.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>
    /// An independent generator for one purpose (arrivals, card choice, …) of a run with seed
    /// <paramref name="runSeed"/>: changing how one stream is consumed leaves the others unchanged.
    /// </summary>
    public static DeterministicRandom ForStream(long runSeed, RandomStream stream)
    {
        var state = unchecked((ulong)runSeed ^ ((ulong)stream * GoldenGamma));
        return new DeterministicRandom(SplitMix64(ref state));
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public long NextInt64(long bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound must be positive.");
        }

        // Multiply-high maps 64 random bits onto the range; the rejection removes the bias of the
        // few values the range does not divide evenly.
        var range = (ulong)bound;
        var high = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (long)high;
    }

    /// <summary>Uniform in [<paramref name="minimum"/>, <paramref name="maximum"/>], both inclusive.</summary>
    public long NextInt64(long minimum, long maximum)
    {
        if (maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "The maximum is below the minimum.");
        }

        return minimum + NextInt64(maximum - minimum + 1);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += GoldenGamma;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
