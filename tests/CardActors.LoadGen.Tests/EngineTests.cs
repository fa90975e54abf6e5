using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests;

public sealed class EngineTests
{
    private static readonly long Millisecond = Nanoseconds.PerMillisecond;

    private static LoadRunOptions Options(double rate, int seconds = 2) => new()
    {
        Rate = rate,
        Arrival = ArrivalProcess.Constant,
        Warmup = TimeSpan.Zero,
        Duration = TimeSpan.FromSeconds(seconds),
        DrainTimeout = TimeSpan.FromSeconds(1),
        IssueTolerance = TimeSpan.FromMilliseconds(2),
    };

    [Fact]
    public void A_generator_held_up_catches_up_in_batches_and_counts_the_late_sends()
    {
        var clock = new ReadCountingClock(new VirtualLoadClock());
        var target = new GeneratorStallingTarget(clock, stallAtSequence: 1_000, stall: 50 * Millisecond);
        var result = new LoadEngine(Options(10_000) with { IssueBatchSize = 16 }, target, clock).Run();

        // Sending request 1,000 (due at 100 ms) took 50 ms: the ~500 requests due meanwhile went out
        // late, in batches of 16 with a fresh clock reading between batches, and every one of them
        // was charged its wait from its intended time.
        Assert.Equal(20_000, result.IssuedMeasured);
        Assert.InRange(result.LateIssuesMeasured, 470, 500);
        Assert.InRange(result.IssueLag.Maximum, 49_900, 50_000);
        Assert.InRange(result.Latency.Maximum, 49_900, 50_000);
        Assert.Equal(0, result.IssueLag.ValueAtQuantile(0.9));
        Assert.Equal(16, target.LargestBatch);
        Assert.Equal(result.LateIssuesMeasured / 20_000.0, result.LateIssueFraction);
    }

    [Fact]
    public void Requests_left_unanswered_at_the_drain_deadline_are_reported_and_count_as_errors()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 1, serviceTime: 100 * Nanoseconds.PerMicrosecond);
        var target = new DroppingTarget(server, dropEvery: 100);
        var result = new LoadEngine(Options(1_000), target, clock).Run();

        Assert.Equal(2_000, result.IssuedMeasured);
        Assert.Equal(20, result.UnansweredMeasured);
        Assert.Equal(1_980, result.CompletedMeasured);
        Assert.Equal(0.01, result.ErrorRate, precision: 10);

        // The engine waited the full drain timeout for them, and no longer.
        Assert.Equal(result.Window.MeasureEnd + Nanoseconds.PerSecond, result.Ended);
    }

    [Fact]
    public void Errors_and_codes_are_counted_for_measured_requests_only()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 4, serviceTime: Millisecond, outcome: r =>
            r.Sequence % 10 == 0 ? LoadOutcome.FromResponseCode("51")
            : r.Sequence % 25 == 1 ? LoadOutcome.FromTransportError(TransportErrorKind.Timeout)
            : LoadOutcome.Approved);
        var options = Options(1_000) with { Warmup = TimeSpan.FromSeconds(1) };
        var result = new LoadEngine(options, server, clock, firstSequence: 1_000).Run();

        Assert.Equal(3_000, result.Issued);
        Assert.Equal(2_000, result.IssuedMeasured);
        Assert.Equal(1_000, result.FirstSequence);
        var counts = result.Outcomes.ToDictionary(o => o.Outcome.ToString(), o => o.Count);
        Assert.Equal(200, counts["51"]);
        Assert.Equal(80, counts["Timeout"]);
        Assert.Equal(1_720, counts["00"]);
        Assert.Equal(80, result.ErrorsMeasured);
        Assert.Equal("00", result.Outcomes[0].Outcome.ToString());
        Assert.Equal(2_000, result.LatencyByKind.Sum(h => h.Count));
        Assert.Equal(result.Workload.Issued.Sum(), result.Issued);
        Assert.InRange(result.Throughput, 999, 1_001);
        Assert.Equal(2.0, result.MeasuredSeconds);
        Assert.Equal(result.Intervals.Count, result.IntervalLatency.Count);
        Assert.Equal(result.Intervals.Sum(i => i.Completed), result.IntervalLatency.Sum(h => h?.Count ?? 0));
    }

    [Fact]
    public void Progress_follows_the_phases_of_a_run()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 1, serviceTime: 200 * Nanoseconds.PerMicrosecond);
        var probing = new ProbingTarget(server, clock);
        var engine = new LoadEngine(Options(1_000, seconds: 3) with { Warmup = TimeSpan.FromSeconds(2) }, probing, clock);
        Assert.Equal(RunPhase.NotStarted, engine.ReadProgress().Phase);

        var probes = 0;
        probing.Probe = (at, _) =>
        {
            if (at == 2_500 * Millisecond)
            {
                probes++;
                var progress = engine.ReadProgress();
                Assert.Equal(RunPhase.Measuring, progress.Phase);
                Assert.Equal(TimeSpan.FromMilliseconds(2_500), progress.Elapsed);
                Assert.Equal(1_000, progress.IssueRate);
                Assert.InRange(progress.CompletionRate, 999, 1_001);
                Assert.InRange(progress.LastInterval.P50, 200, 201);
                Assert.True(progress.Measured.Count > 0);
                Assert.Equal(TimeSpan.FromSeconds(5), progress.Planned);
            }
            else if (at == 500 * Millisecond)
            {
                probes++;
                Assert.Equal(RunPhase.WarmingUp, engine.ReadProgress().Phase);
            }
        };
        var result = engine.Run();
        Assert.Equal(2, probes);
        Assert.Equal(RunPhase.Completed, engine.ReadProgress().Phase);
        Assert.Throws<InvalidOperationException>(() => engine.Run());
        Assert.Equal(3_000, result.IssuedMeasured);
    }

    [Fact]
    public void Cancelling_stops_sending_and_marks_the_result()
    {
        var clock = new VirtualLoadClock();
        using var cancellation = new CancellationTokenSource();
        var target = new CancellingTarget(new ImmediateTarget(clock) { KeepRequests = false }, cancellation, cancelAt: 500);
        var result = new LoadEngine(Options(1_000), target, clock).Run(cancellation.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(501, result.Issued);
        Assert.InRange(result.MeasuredSeconds, 0.499, 0.501);
    }

    [Fact]
    public void A_target_that_breaks_the_contract_fails_fast()
    {
        var clock = new VirtualLoadClock(start: 10 * Nanoseconds.PerSecond);
        var twice = new MisbehavingTarget((request, intended, sink) =>
        {
            sink.Complete(request, intended, LoadOutcome.Approved, clock.Now);
            sink.Complete(request, intended, LoadOutcome.Approved, clock.Now);
        });
        Assert.Throws<InvalidOperationException>(() => new LoadEngine(Options(100), twice, clock).Run());

        var early = new MisbehavingTarget((request, intended, sink) => sink.Complete(request, intended, LoadOutcome.Approved, intended - 1));
        Assert.Throws<InvalidOperationException>(() => new LoadEngine(Options(100), early, clock).Run());
    }

    /// <summary>Counts the engine's clock readings, so a test can see which sends shared one.</summary>
    private sealed class ReadCountingClock(VirtualLoadClock inner) : ILoadClock
    {
        public VirtualLoadClock Inner => inner;

        public long Reads { get; private set; }

        public long Now
        {
            get
            {
                Reads++;
                return inner.Now;
            }
        }

        public void WaitUntil(long deadline, CancellationToken cancellationToken) => inner.WaitUntil(deadline, cancellationToken);
    }

    private sealed class GeneratorStallingTarget(ReadCountingClock clock, long stallAtSequence, long stall) : ILoadTarget
    {
        private long _lastRead = -1;
        private int _batch;

        public int LargestBatch { get; private set; }

        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
            // Sends between two clock readings of the engine form one batch.
            _batch = clock.Reads == _lastRead ? _batch + 1 : 1;
            _lastRead = clock.Reads;
            LargestBatch = Math.Max(LargestBatch, _batch);
            if (request.Sequence == stallAtSequence)
            {
                clock.Inner.AdvanceBy(stall);
            }

            sink.Complete(request, intendedTimestamp, LoadOutcome.Approved, clock.Inner.Now);
        }
    }

    private sealed class DroppingTarget(ILoadTarget inner, int dropEvery) : ILoadTarget
    {
        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
            if (request.Sequence % dropEvery != 0)
            {
                inner.Send(request, intendedTimestamp, sink);
            }
        }
    }

    private sealed class ProbingTarget(ILoadTarget inner, VirtualLoadClock clock) : ILoadTarget
    {
        public Action<long, LoadRequest>? Probe { get; set; }

        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
            Probe?.Invoke(clock.Now, request);
            inner.Send(request, intendedTimestamp, sink);
        }
    }

    private sealed class CancellingTarget(ILoadTarget inner, CancellationTokenSource cancellation, long cancelAt) : ILoadTarget
    {
        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
        {
            if (request.Sequence == cancelAt)
            {
                cancellation.Cancel();
            }

            inner.Send(request, intendedTimestamp, sink);
        }
    }

    private sealed class MisbehavingTarget(Action<LoadRequest, long, ILoadCompletionSink> send) : ILoadTarget
    {
        public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink) => send(request, intendedTimestamp, sink);
    }
}
