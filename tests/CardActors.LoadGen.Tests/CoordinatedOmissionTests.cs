using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Tests;

public sealed class CoordinatedOmissionTests
{
    private const double Rate = 1_000;
    private static readonly long Second = Nanoseconds.PerSecond;

    // 1 s warm-up, then 10 s measured at 1,000/s; the server (capacity 10,000/s) stops for one
    // second, 4 s into the measurement.
    private static SimulatedServer StallingServer(VirtualLoadClock clock)
    {
        var server = new SimulatedServer(clock, workers: 1, serviceTime: 100 * Nanoseconds.PerMicrosecond);
        server.Stall(5 * Second, 6 * Second);
        return server;
    }

    [Fact]
    public void A_one_second_stall_shows_in_the_open_loop_percentiles()
    {
        var clock = new VirtualLoadClock();
        var options = new LoadRunOptions
        {
            Rate = Rate,
            Arrival = ArrivalProcess.Constant,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(10),
            DrainTimeout = TimeSpan.FromSeconds(5),
        };

        var result = new LoadEngine(options, StallingServer(clock), clock).Run();
        var latency = result.LatencySummary;

        // About 1,000 of the 10,000 measured requests were due during the stall; they waited up to
        // a second for it to end and then for the backlog ahead of them (0.1 ms each) to drain, so
        // the slowest tenth of all requests took at least 0.1 s, and the slowest 1 % about 0.9 s.
        Assert.Equal(10_000, result.CompletedMeasured);
        Assert.InRange(latency.P50, 100, 101);
        Assert.InRange(latency.P90, 100_000, 102_000);
        Assert.InRange(latency.P99, 880_000, 920_000);
        Assert.InRange(latency.Maximum, 999_000, 1_001_000);
        Assert.True(result.Latency.ValueAtQuantile(0.95) > 400_000, $"p95 {result.Latency.ValueAtQuantile(0.95)} µs");

        // The stall is also visible over time: nothing completes during it, then the slow burst.
        var stalled = result.Intervals.Single(i => i.StartSeconds == 5);
        var recovered = result.Intervals.Single(i => i.StartSeconds == 6);
        Assert.Equal(0, stalled.Completed);
        Assert.True(recovered.Maximum >= 999_000);
    }

    [Fact]
    public void A_closed_loop_measurement_of_the_same_run_hides_the_stall()
    {
        var openClock = new VirtualLoadClock();
        var options = new LoadRunOptions
        {
            Rate = Rate,
            Arrival = ArrivalProcess.Constant,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(10),
        };
        var open = new LoadEngine(options, StallingServer(openClock), openClock).Run().Latency;

        var closedClock = new VirtualLoadClock();
        var closed = new ClosedLoopClient(closedClock, StallingServer(closedClock)).Run(Rate, 0, 1 * Second, 11 * Second);

        // Both saw the one-second wait once…
        Assert.InRange(open.Maximum, 999_000, 1_001_000);
        Assert.InRange(closed.Maximum, 999_000, 1_001_000);

        // …but the closed loop sent nothing while it waited: it lost the ~1,000 requests the stall
        // delayed and reports a p99 a thousand times better than the terminals experienced.
        Assert.InRange(open.Count - closed.Count, 990, 1_000);
        Assert.InRange(closed.ValueAtQuantile(0.99), 100, 101);
        Assert.InRange(open.ValueAtQuantile(0.99), 880_000, 920_000);
        Assert.True(open.ValueAtQuantile(0.99) > 1_000 * closed.ValueAtQuantile(0.99));
        Assert.InRange(closed.ValueAtQuantile(0.999), 100, 101);
    }
}
