using System.Globalization;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;

namespace CardActors.LoadGen.Cli;

/// <summary>
/// The last line on standard output, <c>key=value</c> pairs a script can compare between runs.
/// Rates are per second (throughput counts every completion, goodput only the answers that were not
/// errors), latencies in milliseconds from intended send time, errors count the measured requests
/// that failed or stayed unanswered. A search's line starts with the highest
/// passing rate and how the search ended (found, generator-limited, reached-max-rate,
/// no-passing-rate, step-limit, cancelled), then gives the best passing run's numbers (zeros when none passed).
/// </summary>
public static class SummaryLine
{
    public static string For(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return "loadgen " + Measurements(result);
    }

    public static string For(MaxRateSearchResult search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var outcome = string.Concat(search.Outcome.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        var head = string.Create(CultureInfo.InvariantCulture, $"loadgen max_rate_per_s={search.MaxPassingRate:0} outcome={outcome} steps={search.Steps.Count}");
        return search.BestRun is null
            ? head + " throughput_per_s=0 p50_ms=0 p99_ms=0 p999_ms=0 max_ms=0 errors=0 offered_per_s=0 goodput_per_s=0"
            : head + " " + Measurements(search.BestRun);
    }

    private static string Measurements(LoadRunResult result)
    {
        var latency = result.LatencySummary;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"throughput_per_s={result.Throughput:0} p50_ms={Ms(latency.P50)} p99_ms={Ms(latency.P99)} p999_ms={Ms(latency.P999)} max_ms={Ms(latency.Maximum)} " +
            $"errors={result.ErrorsMeasured + result.UnansweredMeasured} offered_per_s={result.OfferedRate:0} goodput_per_s={result.Goodput:0}");
    }

    private static string Ms(long microseconds) => (microseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
