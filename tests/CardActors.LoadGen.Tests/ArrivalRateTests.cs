using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Tests;

public sealed class ArrivalRateTests
{
    private static LoadRunOptions Options(double rate, ArrivalProcess arrival, long seed, int seconds = 10) => new()
    {
        Rate = rate,
        Arrival = arrival,
        Warmup = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(seconds),
        DrainTimeout = TimeSpan.FromSeconds(1),
        Seed = seed,
    };

    [Theory]
    [InlineData(10_000.0)]
    [InlineData(333.3)]
    [InlineData(250_000.0)]
    public void Constant_arrivals_issue_exactly_rate_times_duration(double rate)
    {
        var clock = new VirtualLoadClock(start: 5 * Nanoseconds.PerSecond);
        var target = new ImmediateTarget(clock) { KeepRequests = false };
        var result = new LoadEngine(Options(rate, ArrivalProcess.Constant, seed: 1), target, clock).Run();

        // The schedule covers warm-up and measurement: intended times start, start + 1/rate, … before the end.
        Assert.Equal((long)Math.Ceiling(rate * 11), result.Issued);
        Assert.Equal((long)Math.Ceiling(rate * 10), result.IssuedMeasured, tolerance: 1);
        Assert.Equal(0, result.UnansweredMeasured);
        Assert.Equal(0, result.LateIssues);
    }

    [Fact]
    public void Constant_arrivals_are_evenly_spaced_and_sent_on_time()
    {
        var clock = new VirtualLoadClock();
        var target = new ImmediateTarget(clock);
        new LoadEngine(Options(4_000, ArrivalProcess.Constant, seed: 1, seconds: 2), target, clock).Run();

        for (var i = 0; i < target.Sent.Count; i++)
        {
            Assert.Equal(i * 250_000L, target.Sent[i].Intended);
            Assert.Equal(target.Sent[i].Intended, target.Sent[i].SentAt);
            Assert.Equal(i, target.Sent[i].Request.Sequence);
        }
    }

    // n = rate × duration = 100,000 arrivals. A Poisson count has standard deviation √n ≈ 316; the
    // mean of n exponential gaps of mean 100 µs has standard deviation 100 µs / √n ≈ 0.32 µs. The
    // bounds are four standard deviations (a fair seed fails them with probability ~6e-5), and the
    // seeds are fixed, so the test is deterministic.
    [Theory]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(20261122L)]
    public void Poisson_arrivals_match_the_rate_and_have_exponential_gaps(long seed)
    {
        const double Rate = 10_000;
        var clock = new VirtualLoadClock();
        var target = new ImmediateTarget(clock);
        var result = new LoadEngine(Options(Rate, ArrivalProcess.Poisson, seed) with { Warmup = TimeSpan.Zero }, target, clock).Run();

        var expected = Rate * 10;
        Assert.True(Math.Abs(result.Issued - expected) <= 4 * Math.Sqrt(expected), $"seed {seed}: {result.Issued} arrivals, expected {expected} ± {4 * Math.Sqrt(expected):F0}");

        var gaps = new double[target.Sent.Count - 1];
        for (var i = 1; i < target.Sent.Count; i++)
        {
            gaps[i - 1] = target.Sent[i].Intended - target.Sent[i - 1].Intended;
        }

        var meanGap = gaps.Average();
        var expectedGap = Nanoseconds.PerSecond / Rate;
        var meanTolerance = 4 * expectedGap / Math.Sqrt(gaps.Length);
        Assert.True(Math.Abs(meanGap - expectedGap) <= meanTolerance, $"seed {seed}: mean gap {meanGap:F1} ns, expected {expectedGap} ± {meanTolerance:F1}");

        // An exponential's standard deviation equals its mean; the sample's is within ~0.45 % (1σ) at this size.
        var deviation = Math.Sqrt(gaps.Select(g => (g - meanGap) * (g - meanGap)).Sum() / (gaps.Length - 1));
        Assert.InRange(deviation / meanGap, 0.98, 1.02);
        Assert.All(target.Sent, s => Assert.Equal(s.Intended, s.SentAt));
    }

    [Fact]
    public void The_same_seed_gives_the_same_schedule_and_requests()
    {
        static List<(long, long, int, int)> Run(long seed)
        {
            var clock = new VirtualLoadClock();
            var target = new ImmediateTarget(clock);
            new LoadEngine(Options(2_000, ArrivalProcess.Poisson, seed, seconds: 3), target, clock).Run();
            return [.. target.Sent.Select(s => (s.Intended, s.Request.Amount, s.Request.CardIndex, (int)s.Request.Kind))];
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Arrival_schedule_rejects_a_rate_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArrivalSchedule(ArrivalProcess.Constant, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArrivalSchedule(ArrivalProcess.Poisson, double.NaN, 0, 1));
    }
}
