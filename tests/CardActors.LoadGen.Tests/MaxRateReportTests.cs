using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Reports;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Tests;

public sealed class MaxRateReportTests
{
    [Fact]
    public void The_search_report_round_trips_and_lists_every_step()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 1, serviceTime: 250 * Nanoseconds.PerMicrosecond);
        var template = new LoadRunOptions
        {
            Arrival = ArrivalProcess.Constant,
            Warmup = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromSeconds(1),
            DrainTimeout = TimeSpan.FromSeconds(1),
        };
        var search = new MaxRateSearchOptions { StartRate = 500, Precision = 0.05 };
        var result = new MaxRateSearch(search).Run(new EngineRateTrial(template, server, clock));
        var report = MaxRateReport.Build(result, search, template, DateTimeOffset.UnixEpoch, "simulated server", SampleRuns.Machine);

        var json = ReportJson.Serialize(report);
        var read = ReportJson.DeserializeMaxRateReport(json);
        Assert.Equal(json, ReportJson.Serialize(read));
        Assert.Equal(report.Steps, read.Steps);
        Assert.Equal(report.Search, read.Search);
        Assert.Equal(SearchOutcome.Found, read.Outcome);
        Assert.Contains("\"failures\": \"Latency, Throughput\"", json, StringComparison.Ordinal);

        using var writer = new StringWriter();
        MaxRateMarkdownWriter.Write(writer, report);
        var markdown = writer.ToString();
        Assert.StartsWith("# Highest rate holding p99 ≤ 10.0 ms, errors ≤ 0.1 %", markdown, StringComparison.Ordinal);
        Assert.Contains($"**{ReportFormat.Rate(result.MaxPassingRate)}** passed", markdown, StringComparison.Ordinal);
        Assert.Equal(report.Steps.Count, markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(l[2])));
    }
}
