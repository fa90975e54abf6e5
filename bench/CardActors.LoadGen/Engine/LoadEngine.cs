using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Engine;

/// <summary>
/// Runs one open-loop load run against a target: sends on schedule during warm-up and measurement,
/// waits for the answers, and returns what it measured. <see cref="Run"/> occupies the calling
/// thread (give it a dedicated one); <see cref="ReadProgress"/> may be called from any thread.
/// </summary>
public sealed class LoadEngine
{
    // While draining, how often to look whether everything has been answered.
    private static readonly long DrainPollInterval = Nanoseconds.PerMillisecond;

    private readonly LoadRunOptions _options;
    private readonly ILoadTarget _target;
    private readonly ILoadClock _clock;
    private readonly long _firstSequence;
    private RunRecorder? _recorder;
    private int _started;
    private volatile bool _completed;

    /// <param name="firstSequence">The first request's sequence number; successive runs against one target continue where the last stopped.</param>
    public LoadEngine(LoadRunOptions options, ILoadTarget target, ILoadClock clock, long firstSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        options.Validate();
        _options = options;
        _target = target;
        _clock = clock;
        _firstSequence = firstSequence;
    }

    public LoadRunOptions Options => _options;

    /// <summary>Requests sent and not yet completed; they may still complete after <see cref="Run"/> has returned.</summary>
    public long Outstanding => Volatile.Read(ref _recorder)?.Outstanding ?? 0;

    public LoadRunResult Run(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A LoadEngine runs once; create another for the next run.");
        }

        var window = RunWindow.From(_clock.Now, _options);
        var recorder = new RunRecorder(window, _options);
        var workload = new WorkloadGenerator(_options.Workload, _options.Seed);
        var schedule = new ArrivalSchedule(_options.Arrival, _options.Rate, window.Start, _options.Seed);
        var scheduler = new OpenLoopScheduler(schedule, window.MeasureEnd, workload, _target, recorder, _firstSequence, _options.IssueBatchSize);
        Volatile.Write(ref _recorder, recorder);

        while (!scheduler.Finished && !cancellationToken.IsCancellationRequested)
        {
            // A full batch means the scheduler is behind: read the clock and send again at once.
            if (scheduler.IssueDue(_clock.Now) < scheduler.BatchSize && !scheduler.Finished)
            {
                _clock.WaitUntil(scheduler.NextIntended, cancellationToken);
            }
        }

        var issuingEnded = _clock.Now;
        var drainDeadline = Math.Max(window.MeasureEnd, issuingEnded) + Nanoseconds.From(_options.DrainTimeout);
        while (recorder.Outstanding > 0 && !cancellationToken.IsCancellationRequested)
        {
            var now = _clock.Now;
            if (now >= drainDeadline)
            {
                break;
            }

            _clock.WaitUntil(Math.Min(now + DrainPollInterval, drainDeadline), cancellationToken);
        }

        var result = BuildResult(recorder, workload, cancellationToken.IsCancellationRequested, issuingEnded, _clock.Now);
        _completed = true;
        return result;
    }

    /// <summary>The run as it stands; cheap enough to call a few times a second.</summary>
    public LoadProgress ReadProgress()
    {
        var recorder = Volatile.Read(ref _recorder);
        if (recorder is null)
        {
            return LoadProgress.NotStarted(_options);
        }

        var now = _clock.Now;
        var window = recorder.Window;
        var intervals = recorder.Intervals;
        var lastComplete = intervals.SlotOf(now) - 1;
        var seconds = Nanoseconds.ToSeconds(intervals.Width);
        var last = lastComplete >= 0 ? intervals.Latency(lastComplete) : null;
        return new LoadProgress(
            _completed ? RunPhase.Completed : window.PhaseAt(now),
            Nanoseconds.ToTimeSpan(now - window.Start),
            _options.Warmup + _options.Duration,
            _options.Rate,
            lastComplete >= 0 ? intervals.Issued(lastComplete) / seconds : 0,
            last is null ? 0 : last.Count / seconds,
            recorder.Issued,
            recorder.Completed,
            recorder.Outstanding,
            recorder.LateIssues,
            recorder.ErrorsMeasured,
            last is null ? LatencySummary.Empty : LatencySummary.Of(last),
            LatencySummary.Of(recorder.Latency),
            recorder.Outcomes());
    }

    private LoadRunResult BuildResult(RunRecorder recorder, WorkloadGenerator workload, bool cancelled, long issuingEnded, long ended) => new()
    {
        Options = _options,
        Window = recorder.Window,
        FirstSequence = _firstSequence,
        Cancelled = cancelled,
        IssuingEnded = issuingEnded,
        Ended = ended,
        Issued = recorder.Issued,
        IssuedMeasured = recorder.IssuedMeasured,
        CompletedMeasured = recorder.CompletedMeasured,
        CompletedInWindow = recorder.CompletedInWindow,
        AnsweredInWindow = recorder.AnsweredInWindow,
        UnansweredMeasured = recorder.OutstandingMeasured,
        ErrorsMeasured = recorder.ErrorsMeasured,
        LateIssuesMeasured = recorder.LateIssuesMeasured,
        LateIssues = recorder.LateIssues,
        IssueLag = recorder.IssueLag.Copy(),
        Latency = recorder.Latency.Copy(),
        LatencyByKind = [.. recorder.LatencyByKind.Select(h => h.Copy())],
        Outcomes = recorder.Outcomes(),
        Intervals = BuildIntervals(recorder.Intervals, recorder.Window, ended),
        IntervalLatency = [.. Enumerable.Range(0, recorder.Intervals.SlotOf(ended) + 1).Select(recorder.Intervals.Latency)],
        Workload = workload.ReadCounters(),
    };

    private static List<IntervalResult> BuildIntervals(IntervalSeries series, RunWindow window, long ended)
    {
        var intervals = new List<IntervalResult>();
        var lastSlot = series.SlotOf(ended);
        for (var slot = 0; slot <= lastSlot; slot++)
        {
            var start = series.SlotStart(slot);
            var histogram = series.Latency(slot);
            var empty = histogram is null || histogram.Count == 0;
            intervals.Add(new IntervalResult(
                slot,
                Nanoseconds.ToSeconds(start - window.Start),
                Nanoseconds.ToSeconds(Math.Min(series.Width, Math.Max(0, ended - start))),
                window.PhaseAt(start),
                series.Issued(slot),
                empty ? 0 : histogram!.Count,
                series.Errors(slot),
                empty ? 0 : histogram!.ValueAtQuantile(0.50),
                empty ? 0 : histogram!.ValueAtQuantile(0.90),
                empty ? 0 : histogram!.ValueAtQuantile(0.99),
                empty ? 0 : histogram!.Maximum));
        }

        return intervals;
    }
}
