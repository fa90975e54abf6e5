using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Engine;

/// <summary>One load run: how fast, how long, what traffic, which seed.</summary>
public sealed record LoadRunOptions
{
    /// <summary>The largest latency a histogram tells apart: one hour, in microseconds.</summary>
    public const long HighestTrackableLatencyMicroseconds = 3_600_000_000;

    /// <summary>Offered load in requests per second (a mean for <see cref="ArrivalProcess.Poisson"/>).</summary>
    public double Rate { get; init; } = 1_000;

    public ArrivalProcess Arrival { get; init; } = ArrivalProcess.Poisson;

    /// <summary>Traffic before the measurement window; its requests are excluded from the results.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The measurement window: requests intended within it are the results.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for outstanding requests after the last send; the rest are reported unanswered.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The width of one point of the latency-over-time series.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A request sent later than this after its intended time counts as issued late.</summary>
    public TimeSpan IssueTolerance { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Precision of the run's latency histogram (the per-interval ones use 2).</summary>
    public int SignificantDigits { get; init; } = 3;

    /// <summary>How many due requests the scheduler sends before it reads the clock again.</summary>
    public int IssueBatchSize { get; init; } = 64;

    /// <summary>The one seed the arrival times and the workload are drawn from.</summary>
    public long Seed { get; init; } = 1;

    public WorkloadOptions Workload { get; init; } = new();

    public void Validate()
    {
        if (!(Rate > 0) || double.IsInfinity(Rate))
        {
            throw new ArgumentException($"The rate must be a positive number of requests per second, not {Rate}.");
        }

        if (!Enum.IsDefined(Arrival))
        {
            throw new ArgumentException($"Unknown arrival process {Arrival}.");
        }

        RequireNonNegative(Warmup, "warm-up");
        RequirePositive(Duration, "duration");
        RequireNonNegative(DrainTimeout, "drain timeout");
        RequirePositive(Interval, "interval");
        RequireNonNegative(IssueTolerance, "issue tolerance");
        if (Warmup + Duration + DrainTimeout > TimeSpan.FromDays(7))
        {
            throw new ArgumentException("A run longer than a week is not supported.");
        }

        if (SignificantDigits is < 1 or > 4)
        {
            throw new ArgumentException($"Between 1 and 4 significant digits are supported, not {SignificantDigits}.");
        }

        if (IssueBatchSize < 1)
        {
            throw new ArgumentException($"The issue batch size must be at least 1, not {IssueBatchSize}.");
        }

        ArgumentNullException.ThrowIfNull(Workload);
        Workload.Validate();
    }

    private static void RequirePositive(TimeSpan value, string what)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The {what} must be positive, not {value}.");
        }
    }

    private static void RequireNonNegative(TimeSpan value, string what)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"The {what} cannot be negative ({value}).");
        }
    }
}
