namespace CardActors.LoadGen.Engine;

/// <summary>One point of the latency-over-time series; latencies in microseconds.</summary>
/// <param name="StartSeconds">Seconds from the start of the run (warm-up included).</param>
/// <param name="Phase">The run's phase at the start of the interval.</param>
/// <param name="Issued">Requests whose intended time fell in the interval.</param>
/// <param name="Completed">Requests that completed in the interval, whenever they were intended.</param>
/// <param name="Errors">Completions in the interval that were errors.</param>
public sealed record IntervalResult(
    int Index,
    double StartSeconds,
    double DurationSeconds,
    RunPhase Phase,
    long Issued,
    long Completed,
    long Errors,
    long P50,
    long P90,
    long P99,
    long Maximum);
