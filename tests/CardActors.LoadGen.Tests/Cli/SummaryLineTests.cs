using CardActors.LoadGen.Cli;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Tests.Support;

namespace CardActors.LoadGen.Tests.Cli;

public sealed class SummaryLineTests
{
    [Fact]
    public void The_result_line_carries_throughput_latency_in_milliseconds_errors_and_the_offered_rate()
    {
        var result = SampleRuns.StallWithErrors();
        var latency = result.LatencySummary;

        var line = SummaryLine.For(result);

        var fields = line.Split(' ')[1..].Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
        Assert.StartsWith("loadgen ", line, StringComparison.Ordinal);
        Assert.Equal(["throughput_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "errors", "offered_per_s", "goodput_per_s"], fields.Keys);
        Assert.Equal(Math.Round(result.Throughput).ToString(System.Globalization.CultureInfo.InvariantCulture), fields["throughput_per_s"]);
        Assert.Equal(latency.P99 / 1000.0, double.Parse(fields["p99_ms"], System.Globalization.CultureInfo.InvariantCulture), precision: 3);
        Assert.Equal(latency.Maximum / 1000.0, double.Parse(fields["max_ms"], System.Globalization.CultureInfo.InvariantCulture), precision: 3);
        Assert.Equal((result.ErrorsMeasured + result.UnansweredMeasured).ToString(System.Globalization.CultureInfo.InvariantCulture), fields["errors"]);
        Assert.True(result.ErrorsMeasured > 0);
        Assert.Equal("2000", fields["offered_per_s"]);
        Assert.Equal(Math.Round(result.Goodput).ToString(System.Globalization.CultureInfo.InvariantCulture), fields["goodput_per_s"]);
        Assert.True(result.Goodput < result.Throughput, "the errors completed inside the window: goodput leaves them out");
    }

    [Fact]
    public void A_search_without_a_passing_rate_still_prints_every_key()
    {
        var line = SummaryLine.For(new MaxRateSearchResult(SearchOutcome.NoPassingRate, 0, 10, [], null));

        Assert.Equal("loadgen max_rate_per_s=0 outcome=no-passing-rate steps=0 throughput_per_s=0 p50_ms=0 p99_ms=0 p999_ms=0 max_ms=0 errors=0 offered_per_s=0 goodput_per_s=0", line);
    }
}
