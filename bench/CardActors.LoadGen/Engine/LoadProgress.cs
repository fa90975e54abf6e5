namespace CardActors.LoadGen.Engine;

/// <summary>
/// A run as it stands, for a live view: read a few times a second from another thread, so its
/// counts may trail the completion threads by a moment. Latencies in microseconds.
/// </summary>
/// <param name="IssueRate">Requests per second intended in the last complete interval.</param>
/// <param name="CompletionRate">Completions per second in the last complete interval.</param>
/// <param name="LastInterval">Latency of the completions of the last complete interval.</param>
/// <param name="Measured">Latency of the measured requests completed so far.</param>
/// <param name="Outcomes">Measured outcomes so far, most frequent first.</param>
public sealed record LoadProgress(
    RunPhase Phase,
    TimeSpan Elapsed,
    TimeSpan Planned,
    double OfferedRate,
    double IssueRate,
    double CompletionRate,
    long Issued,
    long Completed,
    long Outstanding,
    long LateIssues,
    long ErrorsMeasured,
    LatencySummary LastInterval,
    LatencySummary Measured,
    IReadOnlyList<OutcomeCount> Outcomes)
{
    public static LoadProgress NotStarted(LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LoadProgress(
            RunPhase.NotStarted,
            TimeSpan.Zero,
            options.Warmup + options.Duration,
            options.Rate,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            LatencySummary.Empty,
            LatencySummary.Empty,
            []);
    }
}
