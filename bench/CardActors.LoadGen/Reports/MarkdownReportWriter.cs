using CardActors.LoadGen.Engine;

namespace CardActors.LoadGen.Reports;

/// <summary>The report as Markdown: warnings first, then the numbers a reader compares, then the detail.</summary>
public static class MarkdownReportWriter
{
    // A longer series is left to the JSON and the chart; a table of an hour of seconds helps nobody.
    private const int MaxIntervalRows = 120;

    /// <param name="charts">File names of the latency-over-time and percentile charts, to link; null for none.</param>
    public static void Write(TextWriter output, LoadReport report, (string OverTime, string Percentiles)? charts = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var options = report.Configuration;
        var summary = report.Summary;
        var latency = report.Latency;

        output.WriteLine($"# Load run: {ReportFormat.Rate(options.Rate)} offered against {Escape(report.Target)}");
        output.WriteLine();
        output.WriteLine($"{report.Tool}, started {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}. Latency is measured from each request's intended send time (open loop).");
        output.WriteLine();
        if (report.Warnings.Count > 0)
        {
            output.WriteLine("## Warnings");
            output.WriteLine();
            foreach (var warning in report.Warnings)
            {
                output.WriteLine($"- {Escape(warning)}");
            }

            output.WriteLine();
        }

        output.WriteLine("## Results");
        output.WriteLine();
        Table(output, ["", "value"],
        [
            ["offered rate", $"{ReportFormat.Rate(summary.OfferedRate)} ({options.Arrival}); {ReportFormat.Rate(summary.IssuedRate)} drawn by the schedule"],
            ["throughput", $"{ReportFormat.Rate(summary.Throughput)} completed within the window"],
            ["goodput", $"{ReportFormat.Rate(summary.Goodput)} of them answers, not errors"],
            ["measured", $"{ReportFormat.Count(summary.IssuedMeasured)} requests in {ReportFormat.Seconds(summary.MeasuredSeconds)} ({ReportFormat.Count(summary.Issued)} sent in all)"],
            ["errors", $"{ReportFormat.Count(summary.ErrorsMeasured)} + {ReportFormat.Count(summary.UnansweredMeasured)} unanswered = {ReportFormat.Percent(summary.ErrorRate)}"],
            ["sent late", $"{ReportFormat.Count(summary.LateIssuesMeasured)} ({ReportFormat.Percent(summary.LateIssueFraction)}); issue lag p99 {ReportFormat.Latency(summary.IssueLag.P99)}, max {ReportFormat.Latency(summary.IssueLag.Maximum)}"],
        ], numeric: false);

        output.WriteLine("## Latency");
        output.WriteLine();
        Table(output, ["p50", "p90", "p99", "p99.9", "p99.99", "max", "mean", "count"],
        [
            [.. new[] { latency.P50, latency.P90, latency.P99, latency.P999, latency.P9999, latency.Maximum }.Select(ReportFormat.Latency),
             ReportFormat.Latency(latency.Mean), ReportFormat.Count(latency.Count)],
        ]);
        if (charts is { } files)
        {
            output.WriteLine($"![Latency over time]({files.OverTime})");
            output.WriteLine();
            output.WriteLine($"![Latency by percentile]({files.Percentiles})");
            output.WriteLine();
        }

        output.WriteLine("## By operation");
        output.WriteLine();
        Table(output, ["operation", "sent", "stood in for a follow-up", "p50", "p99", "max"],
            [.. report.Operations.Select(o => new[]
            {
                o.Operation.ToString(), ReportFormat.Count(o.Issued), ReportFormat.Count(o.SubstitutedFor),
                ReportFormat.Latency(o.Latency.P50), ReportFormat.Latency(o.Latency.P99), ReportFormat.Latency(o.Latency.Maximum),
            })]);

        output.WriteLine("## Outcomes");
        output.WriteLine();
        Table(output, ["outcome", "class", "count", "share"],
            [.. report.Outcomes.Select(o => new[] { o.Outcome, o.Class.ToString(), ReportFormat.Count(o.Count), ReportFormat.Percent(o.Share) })]);

        WriteIntervals(output, report.Intervals);
        WriteConfiguration(output, report);
    }

    private static void WriteIntervals(TextWriter output, IReadOnlyList<IntervalResult> intervals)
    {
        output.WriteLine("## Over time");
        output.WriteLine();
        if (intervals.Count > MaxIntervalRows)
        {
            output.WriteLine($"{intervals.Count} intervals: see the JSON report and the latency-over-time chart.");
            output.WriteLine();
            return;
        }

        Table(output, ["from", "phase", "sent", "completed", "errors", "p50", "p90", "p99", "max"],
            [.. intervals.Select(i => new[]
            {
                ReportFormat.Seconds(i.StartSeconds), i.Phase.ToString(), ReportFormat.Count(i.Issued), ReportFormat.Count(i.Completed),
                ReportFormat.Count(i.Errors), ReportFormat.Latency(i.P50), ReportFormat.Latency(i.P90), ReportFormat.Latency(i.P99),
                ReportFormat.Latency(i.Maximum),
            })]);
    }

    private static void WriteConfiguration(TextWriter output, LoadReport report)
    {
        var options = report.Configuration;
        var workload = options.Workload;
        var machine = report.Machine;
        output.WriteLine("## Configuration");
        output.WriteLine();
        Table(output, ["", "value"],
        [
            ["seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["rate, arrivals", $"{ReportFormat.Rate(options.Rate)}, {options.Arrival}"],
            ["warm-up, measured, drain timeout", $"{options.Warmup}, {options.Duration}, {options.DrainTimeout}"],
            ["interval, issue tolerance, digits", $"{options.Interval}, {options.IssueTolerance}, {options.SignificantDigits}"],
            ["cards (Zipf s)", $"{ReportFormat.Count(workload.CardCount)} ({ReportFormat.Number(workload.CardSkew)})"],
            ["merchants (Zipf s)", $"{ReportFormat.Count(workload.MerchantCount)} ({ReportFormat.Number(workload.MerchantSkew)})"],
            ["mix", string.Join(", ", Workload.OperationKinds.All.Select(k => $"{k} {workload.Mix.WeightOf(k)}"))],
            ["follow-up delay", workload.FollowUpDelay.ToString()],
        ], numeric: false);
        Table(output, ["machine", "value"],
        [
            ["processors", $"{machine.ProcessorCount} × {Escape(machine.Processor)}"],
            ["operating system", $"{Escape(machine.OperatingSystem)} ({machine.Architecture})"],
            ["runtime", $"{machine.Runtime}; server GC {machine.ServerGarbageCollector}, concurrent GC {machine.ConcurrentGarbageCollector}; optimized {machine.OptimizedBuild}"],
        ], numeric: false);
    }

    /// <param name="numeric">Right-align every column but the first (tables of numbers); otherwise left-align all.</param>
    internal static void Table(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, bool numeric = true)
    {
        output.WriteLine("| " + string.Join(" | ", header.Select(Escape)) + " |");
        output.WriteLine("|" + string.Concat(header.Select((_, i) => i == 0 || !numeric ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }

        output.WriteLine();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
