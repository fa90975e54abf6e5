using CardActors.LoadGen.Histograms;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Engine;

/// <summary>
/// Counts one run's sends and completions. Latency is completion time minus <em>intended</em>
/// send time: when the target stalls, every request the schedule wanted to send during the stall
/// is charged the wait, as a real terminal would have experienced it.
/// </summary>
internal sealed class RunRecorder : ILoadCompletionSink
{
    private readonly RunWindow _window;
    private readonly long _issueTolerance;
    private readonly LogLinearHistogram _latency;
    private readonly LogLinearHistogram[] _latencyByKind;
    private readonly LogLinearHistogram _issueLag;
    private readonly OutcomeCounters _outcomes = new();
    private long _issued;
    private long _issuedMeasured;
    private long _lateIssues;
    private long _lateIssuesMeasured;
    private long _completed;
    private long _completedMeasured;
    private long _completedInWindow;
    private long _answeredInWindow;
    private long _errorsMeasured;

    public RunRecorder(RunWindow window, LoadRunOptions options)
    {
        _window = window;
        _issueTolerance = Nanoseconds.From(options.IssueTolerance);
        var layout = new HistogramLayout(options.SignificantDigits, LoadRunOptions.HighestTrackableLatencyMicroseconds);
        _latency = new LogLinearHistogram(layout);
        _latencyByKind = new LogLinearHistogram[OperationKinds.Count];
        for (var i = 0; i < _latencyByKind.Length; i++)
        {
            _latencyByKind[i] = new LogLinearHistogram(layout);
        }

        _issueLag = new LogLinearHistogram(layout);
        Intervals = new IntervalSeries(window.Start, Nanoseconds.From(options.Interval), window.DrainDeadline);
    }

    public RunWindow Window => _window;

    public IntervalSeries Intervals { get; }

    public long Issued => Volatile.Read(ref _issued);

    public long IssuedMeasured => Volatile.Read(ref _issuedMeasured);

    public long Completed => Volatile.Read(ref _completed);

    public long CompletedMeasured => Volatile.Read(ref _completedMeasured);

    public long CompletedInWindow => Volatile.Read(ref _completedInWindow);

    /// <summary>Completions inside the window that were answers, not errors.</summary>
    public long AnsweredInWindow => Volatile.Read(ref _answeredInWindow);

    public long ErrorsMeasured => Volatile.Read(ref _errorsMeasured);

    public long LateIssues => Volatile.Read(ref _lateIssues);

    public long LateIssuesMeasured => Volatile.Read(ref _lateIssuesMeasured);

    public long Outstanding => Issued - Completed;

    public long OutstandingMeasured => IssuedMeasured - CompletedMeasured;

    public LogLinearHistogram Latency => _latency;

    public IReadOnlyList<LogLinearHistogram> LatencyByKind => _latencyByKind;

    /// <summary>How far behind its intended time each measured request was actually sent, in microseconds.</summary>
    public LogLinearHistogram IssueLag => _issueLag;

    public IReadOnlyList<OutcomeCount> Outcomes() => _outcomes.Read();

    /// <summary>Counts a send before it happens (a target may complete inside Send); scheduler thread only.</summary>
    public void RecordIssue(long intendedTimestamp, long sendTimestamp)
    {
        var lag = Math.Max(0, sendTimestamp - intendedTimestamp);
        var late = lag > _issueTolerance;
        if (late)
        {
            Volatile.Write(ref _lateIssues, _lateIssues + 1);
        }

        if (_window.IsMeasured(intendedTimestamp))
        {
            _issueLag.Record(Nanoseconds.ToMicroseconds(lag));
            if (late)
            {
                Volatile.Write(ref _lateIssuesMeasured, _lateIssuesMeasured + 1);
            }

            Volatile.Write(ref _issuedMeasured, _issuedMeasured + 1);
        }

        Intervals.RecordIssue(intendedTimestamp);

        // Interlocked rather than a plain write: completion threads compare against it.
        Interlocked.Increment(ref _issued);
    }

    public void Complete(in LoadRequest request, long intendedTimestamp, LoadOutcome outcome, long completedTimestamp)
    {
        if (completedTimestamp < intendedTimestamp)
        {
            throw new InvalidOperationException(
                $"Request {request.Sequence} completed at {completedTimestamp}, before its intended time {intendedTimestamp}: the target does not use the engine's clock.");
        }

        var latency = Nanoseconds.ToMicroseconds(completedTimestamp - intendedTimestamp);
        var isError = outcome.IsError;
        Intervals.RecordCompletion(completedTimestamp, latency, isError);
        if (completedTimestamp >= _window.MeasureStart && completedTimestamp < _window.MeasureEnd)
        {
            Interlocked.Increment(ref _completedInWindow);
            if (!isError)
            {
                Interlocked.Increment(ref _answeredInWindow);
            }
        }

        if (_window.IsMeasured(intendedTimestamp))
        {
            _latency.Record(latency);
            _latencyByKind[(int)request.Kind].Record(latency);
            _outcomes.Increment(outcome);
            if (isError)
            {
                Interlocked.Increment(ref _errorsMeasured);
            }

            Interlocked.Increment(ref _completedMeasured);
        }

        // Last, so that a reader who sees nothing outstanding also sees every count above.
        if (Interlocked.Increment(ref _completed) > Volatile.Read(ref _issued))
        {
            throw new InvalidOperationException($"Request {request.Sequence} was completed more often than requests were sent: a target completes each request exactly once.");
        }
    }
}
