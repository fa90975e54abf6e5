using System.Reflection;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Reports;

/// <summary>Turns a run's result into its report, and says in words what could mislead a reader.</summary>
public static class LoadReportBuilder
{
    // Below this share of the offered rate, the target is reported as not keeping up.
    private const double SaturationShare = 0.95;

    public static string ToolVersion { get; } =
        "cardactors-loadgen " + (typeof(LoadReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public static LoadReport Build(LoadRunResult result, DateTimeOffset startedAt, string target, MachineFacts machine)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(machine);
        var latency = result.LatencySummary;
        return new LoadReport
        {
            Tool = ToolVersion,
            StartedAt = startedAt,
            Target = target,
            Machine = machine,
            Configuration = result.Options,
            Summary = Summarize(result),
            Latency = latency,
            Operations = [.. OperationKinds.All.Select(kind => new OperationReport(
                kind,
                result.Workload.Issued[(int)kind],
                result.Workload.Substituted[(int)kind],
                LatencySummary.Of(result.LatencyByKind[(int)kind])))],
            Outcomes = [.. result.Outcomes.Select(o => new OutcomeReport(
                o.Outcome.ToString(),
                o.Outcome.IsError ? OutcomeClass.Error : o.Outcome.IsApproved ? OutcomeClass.Approved : OutcomeClass.Declined,
                o.Count,
                result.CompletedMeasured > 0 ? o.Count / (double)result.CompletedMeasured : 0))],
            Histogram = new HistogramReport(
                LoadReport.LatencyUnit,
                result.Latency.Layout.SignificantDigits,
                result.Latency.Count,
                result.Latency.Minimum,
                result.Latency.Maximum,
                result.Latency.Buckets()),
            Intervals = result.Intervals,
            Warnings = Warn(result, machine),
        };
    }

    private static RunSummary Summarize(LoadRunResult result) => new(
        result.Cancelled,
        result.MeasuredSeconds,
        result.OfferedRate,
        result.IssuedRate,
        result.Throughput,
        result.Goodput,
        result.Issued,
        result.IssuedMeasured,
        result.CompletedMeasured,
        result.UnansweredMeasured,
        result.ErrorsMeasured,
        result.ErrorRate,
        result.LateIssuesMeasured,
        result.LateIssueFraction,
        LatencySummary.Of(result.IssueLag),
        result.Workload.OriginalsDropped);

    private static List<string> Warn(LoadRunResult result, MachineFacts machine)
    {
        var warnings = new List<string>();
        if (result.Cancelled)
        {
            warnings.Add($"The run was cancelled after {ReportFormat.Seconds(result.MeasuredSeconds)} of measurement; the results cover that part only.");
        }

        if (result.IssuedMeasured == 0)
        {
            warnings.Add("No request was intended within the measurement window: there are no results.");
        }

        if (result.LateIssuesMeasured > 0)
        {
            var lag = LatencySummary.Of(result.IssueLag);
            warnings.Add(
                $"{ReportFormat.Count(result.LateIssuesMeasured)} requests ({ReportFormat.Percent(result.LateIssueFraction)}) were sent more than " +
                $"{ReportFormat.Latency(result.Options.IssueTolerance.Ticks / 10)} after their intended time (issue lag p99 {ReportFormat.Latency(lag.P99)}, " +
                $"max {ReportFormat.Latency(lag.Maximum)}): the generator fell behind its schedule. Their latency includes the lag, so it is not hidden, " +
                "but the target was offered less than the nominal rate while the generator lagged.");
        }

        if (result.UnansweredMeasured > 0)
        {
            warnings.Add(
                $"{ReportFormat.Count(result.UnansweredMeasured)} measured requests were still unanswered at the drain deadline. They count as errors, " +
                "but having no completion time they are missing from the latency percentiles, which therefore understate the tail.");
        }

        if (result.IssuedMeasured > 0 && result.Throughput < SaturationShare * result.IssuedRate)
        {
            warnings.Add(
                $"The target completed {ReportFormat.Rate(result.Throughput)} of the {ReportFormat.Rate(result.IssuedRate)} offered: it did not keep up, " +
                "so its queue and the latency grew for as long as the run lasted.");
        }

        if (result.Latency.ClampedCount > 0)
        {
            warnings.Add($"{ReportFormat.Count(result.Latency.ClampedCount)} latencies exceeded the histogram's range of one hour and were counted in its last bucket.");
        }

        var substituted = result.Workload.Substituted.Sum();
        if (result.Issued > 0 && substituted > result.Issued / 100)
        {
            warnings.Add(
                $"{ReportFormat.Count(substituted)} follow-up draws (completion, refund, reversal) found no original old enough and were sent as the " +
                "operation that creates one: the mix actually sent differs from the configured one (see the operations table).");
        }

        if (result.Options.Warmup == TimeSpan.Zero)
        {
            warnings.Add("The run had no warm-up: the first requests' latency includes connection set-up, JIT compilation and cold caches.");
        }

        if (!machine.OptimizedBuild)
        {
            warnings.Add("The load generator was built without optimizations (Debug); build it in Release before trusting its numbers.");
        }

        return warnings;
    }
}
