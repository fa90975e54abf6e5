using CardActors.LoadGen.Histograms;
using CardActors.LoadGen.Sampling;

namespace CardActors.LoadGen.Tests;

public sealed class HistogramTests
{
    private const long Hour = 3_600_000_000;

    private static readonly double[] Quantiles = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999, 0.99999, 1];

    public static TheoryData<string, int, long> Distributions()
    {
        var data = new TheoryData<string, int, long>();
        foreach (var name in new[] { "uniform", "exponential", "lognormal", "pareto", "bimodal", "constant" })
        {
            foreach (var digits in new[] { 1, 2, 3 })
            {
                data.Add(name, digits, 20261122L + digits);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Percentiles_fall_in_the_bucket_of_the_exact_rank(string distribution, int digits, long seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var samples = new long[50_000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = Draw(distribution, random);
        }

        var histogram = new LogLinearHistogram(digits, Hour);
        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        Array.Sort(samples);
        Assert.Equal(samples.Length, histogram.Count);
        Assert.Equal(samples[^1], histogram.Maximum);
        Assert.Equal(samples[0], histogram.Minimum);
        Assert.Equal(samples.Sum(), histogram.Sum);
        Assert.Equal(samples.Average(), histogram.Mean, precision: 6);
        foreach (var q in Quantiles)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(q * samples.Length));
            var exact = samples[rank - 1];
            var reported = histogram.ValueAtQuantile(q);
            Assert.True(
                histogram.Layout.AreEquivalent(exact, reported) && reported >= exact,
                $"seed {seed}, {distribution}, {digits} digits, q {q}: reported {reported}, exact {exact}");
        }

        Assert.Equal(samples[^1], histogram.ValueAtQuantile(1));
        Assert.Equal(samples.Length, histogram.Buckets().Sum(b => b.Count));
    }

    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var histogram = new LogLinearHistogram(3, Hour);
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.ValueAtQuantile(0.99));
        Assert.Equal(0, histogram.Maximum);
        Assert.Equal(0, histogram.Minimum);
        Assert.Equal(0, histogram.Mean);
        Assert.Empty(histogram.Buckets());
    }

    [Fact]
    public void Values_above_the_highest_trackable_are_clamped_and_counted_but_the_maximum_stays_exact()
    {
        var histogram = new LogLinearHistogram(2, 1_000_000);
        histogram.Record(5);
        histogram.Record(2_000_000);
        Assert.Equal(1, histogram.ClampedCount);
        Assert.Equal(2_000_000, histogram.Maximum);
        Assert.Equal(histogram.Layout.HighestTrackableValue, histogram.Buckets()[^1].HighestValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-1));
    }

    [Fact]
    public void Adding_and_copying_keep_every_count()
    {
        var random = new DeterministicRandom(99);
        var a = new LogLinearHistogram(3, Hour);
        var b = new LogLinearHistogram(3, Hour);
        var both = new LogLinearHistogram(3, Hour);
        for (var i = 0; i < 10_000; i++)
        {
            var value = Draw("lognormal", random);
            (i % 2 == 0 ? a : b).Record(value);
            both.Record(value);
        }

        var sum = a.Copy();
        sum.Add(b);
        Assert.Equal(both.Buckets(), sum.Buckets());
        Assert.Equal(both.Count, sum.Count);
        Assert.Equal(both.Sum, sum.Sum);
        Assert.Equal(both.Maximum, sum.Maximum);
        Assert.Equal(both.Minimum, sum.Minimum);
        Assert.Throws<ArgumentException>(() => sum.Add(new LogLinearHistogram(2, Hour)));
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var histogram = new LogLinearHistogram(3, Hour);
        const int Threads = 4;
        const int PerThread = 100_000;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                histogram.Record((i % 1_000) + (t * 1_000));
            }
        });

        Assert.Equal(Threads * PerThread, histogram.Count);
        Assert.Equal(Threads * PerThread, histogram.Buckets().Sum(b => b.Count));
        Assert.Equal(3_999, histogram.Maximum);
        Assert.Equal(0, histogram.Minimum);
    }

    // Latency-like samples in microseconds, from 1 µs to beyond an hour for the heavy tail.
    private static long Draw(string distribution, DeterministicRandom random)
    {
        var u = random.NextDouble();
        var value = distribution switch
        {
            "uniform" => 1 + (u * 100_000),
            "exponential" => 1 - (Math.Log(1 - u) * 2_000),
            "lognormal" => Math.Exp(7 + (2 * Gaussian(random))),
            "pareto" => 50 / Math.Pow(1 - u, 1 / 0.8),
            "bimodal" => u < 0.97 ? 300 + (random.NextDouble() * 200) : 900_000 + (random.NextDouble() * 200_000),
            "constant" => 1_234,
            _ => throw new ArgumentException(distribution),
        };
        return (long)Math.Min(value, 2.0 * Hour);
    }

    private static double Gaussian(DeterministicRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
