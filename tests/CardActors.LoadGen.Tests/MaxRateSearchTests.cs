using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests;

public sealed class MaxRateSearchTests
{
    private static LoadRunOptions Step(ArrivalProcess arrival) => new()
    {
        Arrival = arrival,
        Warmup = TimeSpan.FromMilliseconds(500),
        Duration = TimeSpan.FromSeconds(2),
        DrainTimeout = TimeSpan.FromSeconds(5),
        Seed = 2026,
    };

    private static readonly MaxRateSearchOptions Bounds = new()
    {
        StartRate = 1_000,
        LatencyBound = TimeSpan.FromMilliseconds(10),
        Precision = 0.02,
        MaxSteps = 30,
    };

    [Fact]
    public void Converges_to_the_capacity_of_a_simulated_server()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 4, serviceTime: 200 * Nanoseconds.PerMicrosecond);
        var steps = new List<MaxRateStep>();
        var trial = new EngineRateTrial(Step(ArrivalProcess.Constant), server, clock, pause: TimeSpan.FromSeconds(1));
        var result = new MaxRateSearch(Bounds).Run(trial, steps.Add);

        // Capacity 20,000/s. Evenly spaced arrivals queue only above it; just above, the backlog of
        // 2.5 s at a small excess stays under the 10 ms bound, so the answer may overshoot by < 1 %.
        Assert.Equal(20_000, server.Capacity);
        Assert.Equal(SearchOutcome.Found, result.Outcome);
        Assert.InRange(result.MaxPassingRate, 0.97 * server.Capacity, 1.01 * server.Capacity);
        Assert.NotNull(result.LowestFailingRate);
        Assert.InRange(result.LowestFailingRate!.Value, result.MaxPassingRate, 1.03 * server.Capacity);
        Assert.True(result.LowestFailingRate - result.MaxPassingRate <= Bounds.Precision * result.MaxPassingRate);

        // Every step was reported, doubling first: 1k, 2k, 4k, 8k, 16k pass, 32k fails; then bisection.
        Assert.Equal(result.Steps, steps);
        Assert.Equal([1_000, 2_000, 4_000, 8_000, 16_000, 32_000], steps.Take(6).Select(s => s.OfferedRate));
        Assert.All(steps.Take(5), s => Assert.True(s.Passed));
        Assert.True(steps[5].Failures.HasFlag(StepFailures.Latency));
        Assert.All(steps.Where(s => s.OfferedRate > result.MaxPassingRate), s => Assert.False(s.Passed));
        Assert.NotNull(result.BestRun);
        Assert.Equal(result.MaxPassingRate, result.BestRun!.OfferedRate);
    }

    [Fact]
    public void With_random_arrivals_the_answer_stays_below_capacity()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 4, serviceTime: 200 * Nanoseconds.PerMicrosecond);
        var trial = new EngineRateTrial(Step(ArrivalProcess.Poisson), server, clock, pause: TimeSpan.FromSeconds(1));
        var result = new MaxRateSearch(Bounds).Run(trial);

        // Poisson bursts queue before the server is saturated: the p99 bound is met a little below 20,000/s.
        Assert.Equal(SearchOutcome.Found, result.Outcome);
        Assert.InRange(result.MaxPassingRate, 0.8 * server.Capacity, 1.01 * server.Capacity);
    }

    [Fact]
    public void A_failing_start_rate_is_halved_until_a_rate_passes()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 1, serviceTime: Nanoseconds.PerMillisecond);

        // 8,000/s for 2.5 s leaves 20 s of backlog at 1,000/s, more than the drain timeout: the
        // trial waits for it to clear, or it would slow the next steps down and the search would
        // settle far too low.
        var trial = new EngineRateTrial(Step(ArrivalProcess.Constant), server, clock);
        var result = new MaxRateSearch(Bounds with { StartRate = 8_000 }).Run(trial);
        Assert.Equal(0, trial.LeftoverAtLastStart);

        Assert.Equal(SearchOutcome.Found, result.Outcome);
        Assert.Equal([8_000, 4_000, 2_000, 1_000], result.Steps.Take(4).Select(s => s.OfferedRate));
        Assert.InRange(result.MaxPassingRate, 970, 1_010);
    }

    [Fact]
    public void A_target_that_only_fails_reports_no_passing_rate()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, 1, Nanoseconds.PerMicrosecond, _ => LoadOutcome.FromResponseCode("96"));
        var result = new MaxRateSearch(Bounds with { MinRate = 100 }).Run(new EngineRateTrial(Step(ArrivalProcess.Constant), server, clock));

        Assert.Equal(SearchOutcome.NoPassingRate, result.Outcome);
        Assert.Equal(0, result.MaxPassingRate);
        Assert.All(result.Steps, s => Assert.True(s.Failures.HasFlag(StepFailures.Errors)));
        Assert.Null(result.BestRun);
    }

    [Fact]
    public void A_target_faster_than_the_search_ceiling_reports_it()
    {
        var clock = new VirtualLoadClock();
        var result = new MaxRateSearch(Bounds with { MaxRate = 5_000 })
            .Run(new EngineRateTrial(Step(ArrivalProcess.Constant), new ImmediateTarget(clock) { KeepRequests = false }, clock));

        Assert.Equal(SearchOutcome.ReachedMaxRate, result.Outcome);
        Assert.Equal(5_000, result.MaxPassingRate);
        Assert.Equal([1_000, 2_000, 4_000, 5_000], result.Steps.Select(s => s.OfferedRate));
    }

    [Fact]
    public void A_generator_that_cannot_keep_up_is_named_as_the_limit()
    {
        // Each send costs the generator 100 µs, so it cannot send faster than 10,000/s; the target
        // answers at once. Above 10,000/s the sends fall behind and the search must say so.
        var clock = new VirtualLoadClock();
        var target = new SlowSendTarget(clock, 100 * Nanoseconds.PerMicrosecond);
        var result = new MaxRateSearch(Bounds with { LatencyBound = TimeSpan.FromSeconds(30) })
            .Run(new EngineRateTrial(Step(ArrivalProcess.Constant), target, clock));

        Assert.Equal(SearchOutcome.GeneratorLimited, result.Outcome);
        Assert.InRange(result.MaxPassingRate, 9_500, 10_100);
        Assert.All(result.Steps.Where(s => !s.Passed), s => Assert.True(s.Failures.HasFlag(StepFailures.GeneratorBehind)));
    }

    [Fact]
    public void Cancelling_ends_the_search_after_the_running_step()
    {
        var clock = new VirtualLoadClock();
        using var cancellation = new CancellationTokenSource();
        var trial = new EngineRateTrial(Step(ArrivalProcess.Constant), new ImmediateTarget(clock) { KeepRequests = false }, clock);
        var result = new MaxRateSearch(Bounds).Run(trial, step =>
        {
            if (step.Number == 2)
            {
                cancellation.Cancel();
            }
        }, cancellation.Token);

        Assert.Equal(SearchOutcome.Cancelled, result.Outcome);
        Assert.Equal(2, result.Steps.Count);
        Assert.Equal(2_000, result.MaxPassingRate);
    }

    [Fact]
    public void Steps_continue_the_sequence_numbers_of_the_previous_step()
    {
        var clock = new VirtualLoadClock();
        var target = new ImmediateTarget(clock);
        var trial = new EngineRateTrial(Step(ArrivalProcess.Constant), target, clock, firstSequence: 100);
        var first = trial.Run(1_000, CancellationToken.None);
        var second = trial.Run(1_000, CancellationToken.None);

        Assert.Equal(100, first.FirstSequence);
        Assert.Equal(100 + first.Issued, second.FirstSequence);
        Assert.Equal(0, trial.LeftoverAtLastStart);
        Assert.Equal(target.Sent.Count, target.Sent.Select(s => s.Request.Sequence).Distinct().Count());
    }

    [Fact]
    public void A_step_starts_after_the_settle_timeout_even_if_the_previous_one_never_finished()
    {
        var clock = new VirtualLoadClock();
        var silent = new SilentTarget();
        var trial = new EngineRateTrial(Step(ArrivalProcess.Constant), silent, clock, settleTimeout: TimeSpan.FromSeconds(3));
        var first = trial.Run(100, CancellationToken.None);
        var second = trial.Run(100, CancellationToken.None);

        Assert.Equal(first.Issued, trial.LeftoverAtLastStart);
        Assert.Equal(first.Ended + (3 * Nanoseconds.PerSecond), second.Window.Start);
    }

    [Fact]
    public void Invalid_search_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MaxRateSearch(Bounds with { StartRate = 0 }));
        Assert.Throws<ArgumentException>(() => new MaxRateSearch(Bounds with { MaxRate = 10 }));
        Assert.Throws<ArgumentException>(() => new MaxRateSearch(Bounds with { Precision = 0 }));
        Assert.Throws<ArgumentException>(() => new MaxRateSearch(Bounds with { LatencyQuantile = 1.5 }));
    }

    private sealed class SilentTarget : ILoadTarget
    {
        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
        }
    }

    private sealed class SlowSendTarget(VirtualLoadClock clock, long sendCost) : ILoadTarget
    {
        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
            clock.AdvanceBy(sendCost);
            sink.Complete(request, intendedTimestamp, LoadOutcome.Approved, clock.Now);
        }
    }
}
