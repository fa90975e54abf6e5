using CardActors.LoadGen.FindMax;

namespace CardActors.LoadGen.Reports;

/// <summary>A max-rate search as Markdown: the answer, the bounds it was held to, and every step.</summary>
public static class MaxRateMarkdownWriter
{
    public static void Write(TextWriter output, MaxRateReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var search = report.Search;
        var bound = $"p{ReportFormat.Number(search.LatencyQuantile * 100)} ≤ {ReportFormat.Latency(search.LatencyBound.Ticks / 10)}";
        output.WriteLine($"# Highest rate holding {bound}, errors ≤ {ReportFormat.Percent(search.ErrorRateBound)}");
        output.WriteLine();
        output.WriteLine($"{report.Tool}, started {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, target {report.Target}.");
        output.WriteLine();
        output.WriteLine(report.Outcome switch
        {
            SearchOutcome.Found => $"**{ReportFormat.Rate(report.MaxPassingRate)}** passed; {Failing(report)} did not.",
            SearchOutcome.GeneratorLimited => $"**{ReportFormat.Rate(report.MaxPassingRate)}** passed; above it, at {Failing(report)}, the load generator could not send on schedule, so the target's limit may be higher.",
            SearchOutcome.ReachedMaxRate => $"Even the maximum rate searched, **{ReportFormat.Rate(report.MaxPassingRate)}**, passed: the limit is higher.",
            SearchOutcome.NoPassingRate => $"No rate passed, down to {Failing(report)}.",
            SearchOutcome.StepLimit => $"The step budget ran out: **{ReportFormat.Rate(report.MaxPassingRate)}** passed, {Failing(report)} did not.",
            _ => $"The search was cancelled; **{ReportFormat.Rate(report.MaxPassingRate)}** was the highest passing rate so far.",
        });
        output.WriteLine();
        MarkdownReportWriter.Table(output, ["step", "offered", "drawn", "throughput", "p50", "p99", $"p{ReportFormat.Number(search.LatencyQuantile * 100)}", "max", "errors", "sent late", "verdict"],
            [.. report.Steps.Select(s => new[]
            {
                s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportFormat.Rate(s.OfferedRate), ReportFormat.Rate(s.IssuedRate),
                ReportFormat.Rate(s.Throughput), ReportFormat.Latency(s.P50), ReportFormat.Latency(s.P99), ReportFormat.Latency(s.LatencyAtQuantile),
                ReportFormat.Latency(s.Maximum), ReportFormat.Percent(s.ErrorRate), ReportFormat.Percent(s.LateIssueFraction),
                s.Passed ? "pass" : $"fail: {s.Failures}",
            })]);
        output.WriteLine($"Each step: {report.Configuration.Warmup} warm-up, {report.Configuration.Duration} measured, {report.Configuration.Arrival} arrivals, seed {report.Configuration.Seed}; " +
            $"a step also fails when it completes less than {ReportFormat.Percent(search.ThroughputShare)} of its offered rate or sends more than {ReportFormat.Percent(search.LateIssueBound)} late.");
        output.WriteLine();
        output.WriteLine($"Machine: {report.Machine.ProcessorCount} × {report.Machine.Processor}, {report.Machine.OperatingSystem}, {report.Machine.Runtime}.");
    }

    private static string Failing(MaxRateReport report) =>
        report.LowestFailingRate is { } rate ? ReportFormat.Rate(rate) : "no rate";
}
