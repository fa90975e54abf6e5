namespace CardActors.LoadGen.FindMax;

/// <summary>Why a step of the search did not pass.</summary>
[Flags]
public enum StepFailures
{
    None = 0,

    /// <summary>The latency percentile exceeded its bound.</summary>
    Latency = 1,

    /// <summary>Errors and unanswered requests exceeded their bound.</summary>
    Errors = 2,

    /// <summary>The target completed too little of the offered rate.</summary>
    Throughput = 4,

    /// <summary>The generator could not send on schedule: the step says nothing certain about the target.</summary>
    GeneratorBehind = 8,

    Cancelled = 16,
}

/// <summary>One run of the search and its verdict; latencies in microseconds.</summary>
public sealed record MaxRateStep(
    int Number,
    double OfferedRate,
    double IssuedRate,
    double Throughput,
    long LatencyAtQuantile,
    long P50,
    long P99,
    long Maximum,
    double ErrorRate,
    double LateIssueFraction,
    StepFailures Failures)
{
    public bool Passed => Failures == StepFailures.None;
}
