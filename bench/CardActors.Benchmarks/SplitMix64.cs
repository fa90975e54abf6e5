namespace CardActors.Benchmarks;

/// <summary>
/// A uniform random sequence in one word of state (SplitMix64), kept as a local of a benchmark's
/// async loop. A seeded <see cref="Random"/> is an object with a table of 56 integers of its own:
/// with thousands of loops, touching it is a cache miss per operation that the benchmark would
/// count against the system it measures.
/// </summary>
internal struct SplitMix64(int seed)
{
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL;

    /// <summary>A number in [0, <paramref name="bound"/>).</summary>
    public long NextBelow(long bound) => (long)Math.BigMul(Next(), (ulong)bound, out _);

    private ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
