using System.Xml.Linq;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Reports;
using CardActors.LoadGen.Tests.Support;

namespace CardActors.LoadGen.Tests;

public sealed class ReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_json_report_round_trips()
    {
        var report = SampleRuns.Report(SampleRuns.StallWithErrors());
        var json = ReportJson.Serialize(report);
        var read = ReportJson.DeserializeLoadReport(json);

        Assert.Equal(json, ReportJson.Serialize(read));
        Assert.Equal(report.Configuration, read.Configuration with { Workload = report.Configuration.Workload });
        Assert.Equal(report.Configuration.Workload.Mix, read.Configuration.Workload.Mix);
        Assert.Equal(report.Configuration.Workload.SpendAmounts.Values, read.Configuration.Workload.SpendAmounts.Values);
        Assert.Equal(report.Latency, read.Latency);
        Assert.Equal(report.Summary, read.Summary with { IssueLag = report.Summary.IssueLag });
        Assert.Equal(report.Histogram.Buckets, read.Histogram.Buckets);
        Assert.Equal(report.Intervals, read.Intervals);
        Assert.Equal(report.Outcomes, read.Outcomes);
        Assert.Equal(report.Machine, read.Machine);
        Assert.Equal(report.StartedAt, read.StartedAt);
        Assert.Contains("\"seed\": 77", json, StringComparison.Ordinal);
        Assert.Contains("\"arrival\": \"Poisson\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"96\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exported_histogram_answers_percentiles_like_the_live_one()
    {
        var result = SampleRuns.StallWithErrors();
        var exported = SampleRuns.Report(result).Histogram;
        Assert.Equal(result.Latency.Count, exported.Count);
        for (var q = 0.0; q <= 1.0; q += 0.0005)
        {
            Assert.Equal(result.Latency.ValueAtQuantile(q), exported.ValueAtQuantile(q));
        }

        Assert.Equal(result.Latency.ValueAtQuantile(0.99999), exported.ValueAtQuantile(0.99999));
    }

    [Fact]
    public void The_report_counts_outcomes_and_warns_about_what_could_mislead()
    {
        var result = SampleRuns.StallWithErrors();
        var report = SampleRuns.Report(result);

        Assert.Equal(result.CompletedMeasured, report.Outcomes.Sum(o => o.Count));
        Assert.Equal(OutcomeClass.Approved, report.Outcomes.Single(o => o.Outcome == "00").Class);
        Assert.Equal(OutcomeClass.Declined, report.Outcomes.Single(o => o.Outcome == "51").Class);
        Assert.Equal(OutcomeClass.Error, report.Outcomes.Single(o => o.Outcome == "96").Class);
        Assert.Equal(OutcomeClass.Error, report.Outcomes.Single(o => o.Outcome == "Timeout").Class);
        Assert.Equal(result.ErrorsMeasured, report.Outcomes.Where(o => o.Class == OutcomeClass.Error).Sum(o => o.Count));
        Assert.Equal(1.0, report.Outcomes.Sum(o => o.Share), precision: 9);
        Assert.Equal(7, report.Operations.Count);
        Assert.True(report.Latency.P99 >= 100_000, $"the 400 ms stall should show in p99, got {report.Latency.P99} µs");

        var clock = new Timing.VirtualLoadClock();
        var noWarmup = SampleRuns.Report(new LoadEngine(
            new LoadRunOptions { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1) },
            new ImmediateTarget(clock),
            clock).Run());
        Assert.Contains(noWarmup.Warnings, w => w.Contains("no warm-up", StringComparison.Ordinal));
    }

    [Fact]
    public void The_charts_are_well_formed_svg_with_their_series()
    {
        var report = SampleRuns.Report(SampleRuns.StallWithErrors());

        var overTime = Parse(w => LatencyOverTimeChart.Write(w, report));
        Assert.Equal(Svg + "svg", overTime.Root!.Name);
        Assert.True(overTime.Descendants(Svg + "polyline").Count() >= 3);
        Assert.Contains(overTime.Descendants(Svg + "text"), t => t.Value.Contains("<test & check>", StringComparison.Ordinal));
        Assert.Contains(overTime.Descendants(Svg + "text"), t => t.Value == "warm-up");

        var percentiles = Parse(w => PercentileChart.Write(w, report));
        Assert.Equal(Svg + "svg", percentiles.Root!.Name);
        Assert.Single(percentiles.Descendants(Svg + "polyline"));
        var labels = percentiles.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("99.9 %", labels);
        Assert.Contains(labels, l => l.StartsWith("p99 ", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("max ", StringComparison.Ordinal));
        AssertCoordinatesAreNumbers(overTime);
        AssertCoordinatesAreNumbers(percentiles);
    }

    [Fact]
    public void Charts_of_an_empty_run_are_still_well_formed()
    {
        var clock = new Timing.VirtualLoadClock();
        var silent = new LoadEngine(new LoadRunOptions { Rate = 1, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromMilliseconds(1) }, new ImmediateTarget(clock), clock);
        var report = SampleRuns.Report(silent.Run());
        Assert.Equal(Svg + "svg", Parse(w => LatencyOverTimeChart.Write(w, report)).Root!.Name);
        Assert.Equal(Svg + "svg", Parse(w => PercentileChart.Write(w, report)).Root!.Name);
    }

    [Fact]
    public void The_markdown_report_leads_with_warnings_and_results()
    {
        var report = SampleRuns.Report(SampleRuns.StallWithErrors());
        using var writer = new StringWriter();
        MarkdownReportWriter.Write(writer, report, ("over-time.svg", "percentiles.svg"));
        var markdown = writer.ToString();

        Assert.StartsWith("# Load run: 2,000/s offered against iso8583://127.0.0.1:8583 <test & check>", markdown, StringComparison.Ordinal);
        Assert.Contains("## Results", markdown, StringComparison.Ordinal);
        Assert.Contains("| p50 | p90 | p99 | p99.9 | p99.99 | max | mean | count |", markdown, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Latency(report.Latency.P99), markdown, StringComparison.Ordinal);
        Assert.Contains("![Latency over time](over-time.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| seed | 77 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 96 | Error |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_files_are_written_side_by_side()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cardactors-loadgen-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var paths = ReportFiles.Write(directory, "run", SampleRuns.Report(SampleRuns.StallWithErrors()));
            Assert.Equal(["run.json", "run.md", "run-latency-over-time.svg", "run-percentiles.svg"], paths.Select(Path.GetFileName));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 500));
            ReportJson.DeserializeLoadReport(File.ReadAllText(paths[0]));
            XDocument.Load(paths[2]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(0L, "0 µs")]
    [InlineData(999L, "999 µs")]
    [InlineData(1_234L, "1.23 ms")]
    [InlineData(45_600L, "45.6 ms")]
    [InlineData(912_000L, "912 ms")]
    [InlineData(1_000_100L, "1.00 s")]
    [InlineData(75_000_000L, "75.0 s")]
    public void Latencies_read_naturally(long microseconds, string expected) =>
        Assert.Equal(expected, ReportFormat.Latency(microseconds));

    private static XDocument Parse(Action<TextWriter> write)
    {
        using var writer = new StringWriter();
        write(writer);
        return XDocument.Parse(writer.ToString());
    }

    private static void AssertCoordinatesAreNumbers(XDocument document)
    {
        foreach (var attribute in document.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "x1" or "y1" or "x2" or "y2" or "cx" or "cy"))
        {
            Assert.True(double.TryParse(attribute.Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value), $"{attribute.Parent!.Name.LocalName}.{attribute.Name} = {attribute.Value}");
        }
    }
}
