using System.Diagnostics.Metrics;
using CardActors.Node.Metrics;

namespace CardActors.Node.Tests.Metrics;

/// <summary>The exporter's aggregation: one series per label set, whatever order the tags came in.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public void Measurements_with_the_same_tags_add_up_in_one_series_whatever_their_order()
    {
        var meterName = "CardActors.ExporterTest." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(meterName);
        var answers = meter.CreateCounter<long>("test.answers");

        for (var i = 0; i < 1_000; i++)
        {
            answers.Add(1, new("mti", "0200"), new("code", "00"));
        }

        answers.Add(5, new("code", "00"), new("mti", "0200"));
        answers.Add(2, new("mti", "0200"), new("code", "51"));
        answers.Add(3);

        var lines = Samples(exporter.Scrape(), "test_answers_total");
        Assert.Equal(
            ["test_answers_total 3", "test_answers_total{code=\"00\",mti=\"0200\"} 1005", "test_answers_total{code=\"51\",mti=\"0200\"} 2"],
            lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tag_names_are_made_safe_and_values_escaped_once_per_label_set()
    {
        var meterName = "CardActors.ExporterTest." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(meterName);
        var latency = meter.CreateHistogram<double>("test.latency", "s");

        latency.Record(0.002, new KeyValuePair<string, object?>("shard.id", 7), new KeyValuePair<string, object?>("note", "a \"quoted\" one"));
        latency.Record(0.004, new KeyValuePair<string, object?>("shard.id", 7), new KeyValuePair<string, object?>("note", "a \"quoted\" one"));
        latency.Record(0.004, new KeyValuePair<string, object?>("shard.id", 8), new KeyValuePair<string, object?>("note", "a \"quoted\" one"));

        var counts = Samples(exporter.Scrape(), "test_latency_seconds_count");
        Assert.Equal(
            ["test_latency_seconds_count{note=\"a \\\"quoted\\\" one\",shard_id=\"7\"} 2", "test_latency_seconds_count{note=\"a \\\"quoted\\\" one\",shard_id=\"8\"} 1"],
            counts.Order(StringComparer.Ordinal));
    }

    private static string[] Samples(string scrape, string name) =>
        scrape.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal)).ToArray();
}
