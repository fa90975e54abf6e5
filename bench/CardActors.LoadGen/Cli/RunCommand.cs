using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Reports;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Cli;

/// <summary><c>run</c>: one open-loop run at a fixed offered rate.</summary>
internal static class RunCommand
{
    public const string ReportName = "report";

    public static async Task<int> ExecuteAsync(LoadGenSettings settings, LoadGenConsole console, CancellationToken cancellationToken)
    {
        var clock = new SystemLoadClock(settings.SpinWindow);
        var (target, exitCode) = await TargetStartup.StartAsync(settings, clock, console, cancellationToken);
        if (target is null)
        {
            return exitCode;
        }

        await using (target)
        {
            var startedAt = DateTimeOffset.Now;
            var live = new LiveView(console.Ui, settings.Live);
            var engine = new LoadEngine(settings.Run, target, clock);
            var result = await Dedicated.RunAsync(() => live.Run(engine, cancellationToken));
            var report = Report(result, startedAt, target);
            var files = ReportFiles.Write(settings.OutputDirectory, ReportName, report);
            Summarize(console, result, report, files);
            console.Out.WriteLine(SummaryLine.For(result));
            console.Out.Flush();
            return result.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        }
    }

    /// <summary>The engine's report, with the transport's own warnings after the engine's.</summary>
    public static LoadReport Report(LoadRunResult result, DateTimeOffset startedAt, IsoLoadTarget target)
    {
        var report = LoadReportBuilder.Build(result, startedAt, target.Description, MachineFacts.Capture());
        return report with { Warnings = [.. report.Warnings, .. target.Statistics.Warnings()] };
    }

    public static void Summarize(LoadGenConsole console, LoadRunResult result, LoadReport report, IReadOnlyList<string> files)
    {
        var latency = result.LatencySummary;
        console.Say($"Offered {ReportFormat.Rate(result.OfferedRate)}, drawn {ReportFormat.Rate(result.IssuedRate)}, completed {ReportFormat.Rate(result.Throughput)} " +
            $"over {ReportFormat.Seconds(result.MeasuredSeconds)}.");
        console.Say($"Latency from intended send time: p50 {ReportFormat.Latency(latency.P50)}, p99 {ReportFormat.Latency(latency.P99)}, " +
            $"p99.9 {ReportFormat.Latency(latency.P999)}, max {ReportFormat.Latency(latency.Maximum)}.");
        console.Say($"Errors {ReportFormat.Count(result.ErrorsMeasured)} and unanswered {ReportFormat.Count(result.UnansweredMeasured)} " +
            $"of {ReportFormat.Count(result.IssuedMeasured)} measured requests ({ReportFormat.Percent(result.ErrorRate)}).");
        foreach (var warning in report.Warnings)
        {
            console.Say($"Warning: {warning}");
        }

        console.Say($"Reports: {string.Join(", ", files)}");
    }
}
