namespace CardActors.LoadGen.FindMax;

/// <summary>What a passing rate must hold, and how the search steps towards the highest one.</summary>
public sealed record MaxRateSearchOptions
{
    /// <summary>The first rate tried; the search doubles from here until a step fails.</summary>
    public double StartRate { get; init; } = 1_000;

    /// <summary>The search never offers more than this.</summary>
    public double MaxRate { get; init; } = 10_000_000;

    /// <summary>When even the start rate fails, the search halves down to this and then gives up.</summary>
    public double MinRate { get; init; } = 10;

    /// <summary>The latency percentile a passing step must hold (0.99 is p99).</summary>
    public double LatencyQuantile { get; init; } = 0.99;

    /// <summary>The bound on that percentile (the performance target: p99 ≤ 10 ms).</summary>
    public TimeSpan LatencyBound { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The largest share of errors and unanswered requests a passing step may have.</summary>
    public double ErrorRateBound { get; init; } = 0.001;

    /// <summary>The largest share of late sends before a step is judged unreliable (the generator fell behind).</summary>
    public double LateIssueBound { get; init; } = 0.01;

    /// <summary>A passing step must complete at least this share of the offered rate within its window.</summary>
    public double ThroughputShare { get; init; } = 0.95;

    /// <summary>The search stops when the highest pass and lowest failure are this close (relative to the pass).</summary>
    public double Precision { get; init; } = 0.05;

    public int MaxSteps { get; init; } = 20;

    public void Validate()
    {
        Require(StartRate > 0 && double.IsFinite(StartRate), $"The start rate must be positive, not {StartRate}.");
        Require(MaxRate >= StartRate && double.IsFinite(MaxRate), $"The maximum rate {MaxRate} must be at least the start rate {StartRate}.");
        Require(MinRate > 0 && MinRate <= StartRate, $"The minimum rate {MinRate} must be positive and at most the start rate {StartRate}.");
        Require(LatencyQuantile is > 0 and <= 1, $"The latency quantile must lie in (0, 1], not {LatencyQuantile}.");
        Require(LatencyBound > TimeSpan.Zero, $"The latency bound must be positive, not {LatencyBound}.");
        Require(ErrorRateBound is >= 0 and <= 1, $"The error-rate bound must lie in [0, 1], not {ErrorRateBound}.");
        Require(LateIssueBound is >= 0 and <= 1, $"The late-issue bound must lie in [0, 1], not {LateIssueBound}.");
        Require(ThroughputShare is >= 0 and <= 1, $"The throughput share must lie in [0, 1], not {ThroughputShare}.");
        Require(Precision is > 0 and < 1, $"The precision must lie in (0, 1), not {Precision}.");
        Require(MaxSteps >= 1, $"At least one step is needed, not {MaxSteps}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
