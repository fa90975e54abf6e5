using CardActors.LoadGen.Histograms;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Engine;

/// <summary>
/// Everything a finished run measured. "Measured" counts cover the requests intended within the
/// measurement window; latencies are in microseconds from intended send time to completion.
/// </summary>
public sealed class LoadRunResult
{
    public required LoadRunOptions Options { get; init; }

    public required RunWindow Window { get; init; }

    /// <summary>The sequence number of the run's first request.</summary>
    public required long FirstSequence { get; init; }

    /// <summary>Whether the run was cancelled before its schedule ended.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>When the last request was sent (or the run was cancelled).</summary>
    public required long IssuingEnded { get; init; }

    /// <summary>When the run stopped waiting for answers.</summary>
    public required long Ended { get; init; }

    /// <summary>Requests sent, warm-up included.</summary>
    public required long Issued { get; init; }

    public required long IssuedMeasured { get; init; }

    public required long CompletedMeasured { get; init; }

    /// <summary>Completions of any request that happened inside the measurement window: the target's achieved rate.</summary>
    public required long CompletedInWindow { get; init; }

    /// <summary>Those of <see cref="CompletedInWindow"/> that were answers (approvals and declines), not errors such as 91 or a timeout.</summary>
    public required long AnsweredInWindow { get; init; }

    /// <summary>Measured requests still open at the drain deadline.</summary>
    public required long UnansweredMeasured { get; init; }

    /// <summary>Measured requests that ended in an error (see <see cref="Transport.LoadOutcome.IsError"/>).</summary>
    public required long ErrorsMeasured { get; init; }

    /// <summary>Measured requests sent later than the issue tolerance after their intended time.</summary>
    public required long LateIssuesMeasured { get; init; }

    /// <summary>Requests sent late, warm-up included.</summary>
    public required long LateIssues { get; init; }

    /// <summary>Send time minus intended time of the measured requests, in microseconds.</summary>
    public required LogLinearHistogram IssueLag { get; init; }

    public required LogLinearHistogram Latency { get; init; }

    /// <summary>Latency per operation, indexed by <see cref="OperationKind"/>.</summary>
    public required IReadOnlyList<LogLinearHistogram> LatencyByKind { get; init; }

    /// <summary>Measured outcomes, most frequent first.</summary>
    public required IReadOnlyList<OutcomeCount> Outcomes { get; init; }

    public required IReadOnlyList<IntervalResult> Intervals { get; init; }

    public required WorkloadCounters Workload { get; init; }

    /// <summary>Per-interval latency histograms (null where nothing completed), for merging or export.</summary>
    public required IReadOnlyList<LogLinearHistogram?> IntervalLatency { get; init; }

    /// <summary>The length of the measurement window actually run (shorter when cancelled).</summary>
    public double MeasuredSeconds => Cancelled
        ? Math.Max(0, Math.Min(Window.MeasureEnd, IssuingEnded) - Window.MeasureStart) / 1e9
        : (Window.MeasureEnd - Window.MeasureStart) / 1e9;

    public double OfferedRate => Options.Rate;

    /// <summary>Requests intended in the window per second: the offered rate as the schedule drew it.</summary>
    public double IssuedRate => MeasuredSeconds > 0 ? IssuedMeasured / MeasuredSeconds : 0;

    /// <summary>Completions per second inside the window: what the target achieved.</summary>
    public double Throughput => MeasuredSeconds > 0 ? CompletedInWindow / MeasuredSeconds : 0;

    /// <summary>Answers per second inside the window: the throughput without its errors (a target that sheds load answers 91 fast).</summary>
    public double Goodput => MeasuredSeconds > 0 ? AnsweredInWindow / MeasuredSeconds : 0;

    /// <summary>Errors and unanswered requests as a fraction of the measured requests.</summary>
    public double ErrorRate => IssuedMeasured > 0 ? (ErrorsMeasured + UnansweredMeasured) / (double)IssuedMeasured : 0;

    public double LateIssueFraction => IssuedMeasured > 0 ? LateIssuesMeasured / (double)IssuedMeasured : 0;

    public LatencySummary LatencySummary => LatencySummary.Of(Latency);
}
