using CardActors.LoadGen.Sampling;

namespace CardActors.LoadGen.Tests;

public sealed class ZipfSamplerTests
{
    // Chi-square with 49 degrees of freedom: the 0.999 quantile is 85.35. With the fixed seeds a
    // correct sampler passes deterministically; a wrong exponent or an off-by-one rank fails by far.
    private const double ChiSquareCritical49 = 85.35;

    [Theory]
    [InlineData(0.0, 11L)]
    [InlineData(0.5, 12L)]
    [InlineData(0.99, 13L)]
    [InlineData(1.0, 14L)]
    [InlineData(1.01, 15L)]
    [InlineData(1.5, 16L)]
    [InlineData(2.5, 17L)]
    public void Frequencies_match_the_distribution(double exponent, long seed)
    {
        const int Elements = 50;
        const int Draws = 200_000;
        var sampler = new ZipfSampler(Elements, exponent);
        var random = new DeterministicRandom((ulong)seed);
        var observed = new long[Elements + 1];
        for (var i = 0; i < Draws; i++)
        {
            observed[sampler.Sample(random)]++;
        }

        var chiSquare = 0.0;
        var normalizer = Enumerable.Range(1, Elements).Sum(k => Math.Pow(k, -exponent));
        for (var k = 1; k <= Elements; k++)
        {
            var expected = Draws * Math.Pow(k, -exponent) / normalizer;
            chiSquare += (observed[k] - expected) * (observed[k] - expected) / expected;
        }

        Assert.Equal(0, observed[0]);
        Assert.True(chiSquare < ChiSquareCritical49, $"seed {seed}, s = {exponent}: chi-square {chiSquare:F1} ≥ {ChiSquareCritical49}");
    }

    [Fact]
    public void Rank_frequencies_follow_the_power_law_over_a_million_elements()
    {
        const long Elements = 1_000_000;
        const int Draws = 2_000_000;
        const double Exponent = 1.1;
        const ulong Seed = 20261122;
        var sampler = new ZipfSampler(Elements, Exponent);
        var random = new DeterministicRandom(Seed);
        var counts = new Dictionary<long, long>();
        long beyondThousand = 0;
        for (var i = 0; i < Draws; i++)
        {
            var rank = sampler.Sample(random);
            Assert.InRange(rank, 1, Elements);
            if (rank <= 1_000)
            {
                counts[rank] = counts.GetValueOrDefault(rank) + 1;
            }
            else
            {
                beyondThousand++;
            }
        }

        // Each checked count has a binomial standard deviation under 1 % of its expectation at
        // rank ≤ 8; allow five of them. The tail share is checked the same way.
        foreach (var rank in new long[] { 1, 2, 4, 8 })
        {
            var expected = Draws * sampler.Probability(rank);
            var sigma = Math.Sqrt(expected);
            Assert.True(Math.Abs(counts[rank] - expected) < 5 * sigma, $"seed {Seed}: rank {rank} drawn {counts[rank]} times, expected {expected:F0} ± {5 * sigma:F0}");
        }

        var tailShare = 1 - Enumerable.Range(1, 1_000).Sum(k => sampler.Probability(k));
        var tailExpected = Draws * tailShare;
        Assert.True(Math.Abs(beyondThousand - tailExpected) < 5 * Math.Sqrt(tailExpected), $"seed {Seed}: {beyondThousand} draws beyond rank 1000, expected {tailExpected:F0}");
    }

    [Fact]
    public void A_single_element_is_always_drawn()
    {
        var sampler = new ZipfSampler(1, 1.2);
        var random = new DeterministicRandom(3);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(1, sampler.Sample(random));
        }
    }

    [Fact]
    public void Invalid_parameters_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(10, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(10, double.NaN));
    }

    [Fact]
    public void Bounded_integers_are_uniform_and_in_range()
    {
        var random = new DeterministicRandom(5);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextInt64(7)]++;
        }

        // Expected 10,000 each, standard deviation ≈ 93.
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Equal(new DeterministicRandom(5).NextUInt64(), new DeterministicRandom(5).NextUInt64());
    }
}
