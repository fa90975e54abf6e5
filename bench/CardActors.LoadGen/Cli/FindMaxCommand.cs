using System.Globalization;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Reports;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Cli;

/// <summary><c>find-max</c>: the highest offered rate that holds the latency and error bounds.</summary>
internal static class FindMaxCommand
{
    public const string ReportName = "find-max";
    public const string BestRunReportName = "best-run";

    public static async Task<int> ExecuteAsync(LoadGenSettings settings, LoadGenConsole console, CancellationToken cancellationToken)
    {
        var search = settings.Search ?? throw new ArgumentException("find-max needs search options.", nameof(settings));
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
            var trial = new EngineRateTrial(settings.Run, target, clock, settings.StepPause, execute: (engine, token) => live.Run(engine, token));
            var result = await Dedicated.RunAsync(() => new MaxRateSearch(search).Run(trial, step => console.Say(Describe(step, search)), cancellationToken));
            var files = new List<string>(ReportFiles.Write(
                settings.OutputDirectory, ReportName, MaxRateReport.Build(result, search, settings.Run, startedAt, target.Description, MachineFacts.Capture())));
            if (result.BestRun is not null)
            {
                files.AddRange(ReportFiles.Write(settings.OutputDirectory, BestRunReportName, RunCommand.Report(result.BestRun, startedAt, target)));
            }

            console.Say($"Search ended: {result.Outcome}; highest passing rate {ReportFormat.Rate(result.MaxPassingRate)}" +
                (result.LowestFailingRate is { } failing ? $", lowest failing {ReportFormat.Rate(failing)}." : "."));
            foreach (var warning in target.Statistics.Warnings())
            {
                console.Say($"Warning: {warning}");
            }

            console.Say($"Reports: {string.Join(", ", files)}");
            console.Out.WriteLine(SummaryLine.For(result));
            console.Out.Flush();
            return result.Outcome == SearchOutcome.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        }
    }

    private static string Describe(MaxRateStep step, MaxRateSearchOptions search)
    {
        var verdict = step.Passed ? "pass" : $"fail ({step.Failures})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"step {step.Number}: offered {ReportFormat.Rate(step.OfferedRate)}, completed {ReportFormat.Rate(step.Throughput)}, p{search.LatencyQuantile * 100:0.##} {ReportFormat.Latency(step.LatencyAtQuantile)}, errors {ReportFormat.Percent(step.ErrorRate)}: {verdict}");
    }
}
