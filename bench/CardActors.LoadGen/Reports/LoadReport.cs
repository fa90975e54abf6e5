using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Histograms;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Reports;

/// <summary>
/// The final report of a load run: what was run (configuration, seed, machine, target), what it
/// measured, and the warnings a reader must see before trusting the numbers. Latencies are in
/// microseconds from intended send time to completion.
/// </summary>
public sealed record LoadReport
{
    public const string LatencyUnit = "us";

    public required string Tool { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>What was loaded, in the words of the transport (address, protocol, connections).</summary>
    public required string Target { get; init; }

    public required MachineFacts Machine { get; init; }

    public required LoadRunOptions Configuration { get; init; }

    public required RunSummary Summary { get; init; }

    public required LatencySummary Latency { get; init; }

    public required IReadOnlyList<OperationReport> Operations { get; init; }

    public required IReadOnlyList<OutcomeReport> Outcomes { get; init; }

    public required HistogramReport Histogram { get; init; }

    public required IReadOnlyList<IntervalResult> Intervals { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>The run's counts and rates; "measured" means intended within the measurement window.</summary>
public sealed record RunSummary(
    bool Cancelled,
    double MeasuredSeconds,
    double OfferedRate,
    double IssuedRate,
    double Throughput,
    double Goodput,
    long Issued,
    long IssuedMeasured,
    long CompletedMeasured,
    long UnansweredMeasured,
    long ErrorsMeasured,
    double ErrorRate,
    long LateIssuesMeasured,
    double LateIssueFraction,
    LatencySummary IssueLag,
    long OriginalsDropped);

/// <summary>One operation kind: how many were sent, how many stood in for a follow-up, and their latency.</summary>
public sealed record OperationReport(OperationKind Operation, long Issued, long SubstitutedFor, LatencySummary Latency);

/// <summary>How a response code or transport error is read.</summary>
public enum OutcomeClass
{
    Approved = 0,
    Declined = 1,
    Error = 2,
}

/// <summary>How many measured requests ended with <paramref name="Outcome"/> (a response code or a transport error's name).</summary>
public sealed record OutcomeReport(string Outcome, OutcomeClass Class, long Count, double Share);

/// <summary>The run's latency histogram: every non-empty bucket, with inclusive bounds, and the exact extremes.</summary>
public sealed record HistogramReport(string Unit, int SignificantDigits, long Count, long Minimum, long Maximum, IReadOnlyList<HistogramBucket> Buckets)
{
    /// <summary>The same answer <see cref="LogLinearHistogram.ValueAtQuantile"/> gave, computed from the exported buckets.</summary>
    public long ValueAtQuantile(double quantile)
    {
        if (!(quantile >= 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile lies between 0 and 1.");
        }

        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Min(Count, Math.Max(1, (long)Math.Ceiling(quantile * Count)));
        long seen = 0;
        foreach (var bucket in Buckets)
        {
            seen += bucket.Count;
            if (seen >= rank)
            {
                return Math.Min(bucket.HighestValue, Math.Max(Maximum, bucket.LowestValue));
            }
        }

        return Maximum;
    }
}
