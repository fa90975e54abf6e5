namespace CardActors.LoadGen.Reports;

/// <summary>
/// SVG chart of latency against percentile on a "nines" axis (90 %, 99 %, 99.9 %, … evenly
/// spaced), drawn from the exported histogram: the shape of the tail, which two runs' p99 alone
/// cannot compare.
/// </summary>
public static class PercentileChart
{
    private const int Width = 900;
    private const int Height = 440;
    private const double Left = 80;
    private const double Right = Width - 30;
    private const double Top = 70;
    private const double Bottom = Height - 55;
    private const double Step = 0.01;

    public static void Write(TextWriter output, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var histogram = report.Histogram;

        // Show as many nines as the sample size supports: 10,000 values resolve 99.99 % at most.
        var nines = Math.Clamp(Math.Floor(Math.Log10(Math.Max(10, histogram.Count))), 1, 6);
        var axis = new LinearScale(0, nines, Left, Right);
        var latency = LatencyScale.Spanning(Math.Max(1, histogram.Minimum), Math.Max(10, histogram.Maximum), Bottom, Top);

        using var svg = new SvgCanvas(output, Width, Height, "Latency by percentile");
        svg.Text(Left, 28, "Latency by percentile (measured requests, from intended send time)", size: 16, bold: true);
        svg.Text(Left, 48, $"{LatencyOverTimeChart.Subtitle(report)}, {ReportFormat.Count(histogram.Count)} requests", size: 12, fill: "#555555");

        LatencyOverTimeChart.DrawLatencyGrid(svg, latency);
        for (var n = 0; n <= nines; n++)
        {
            var x = axis.Map(n);
            svg.Line(x, Top, x, Bottom, "#e4e4e4");
            svg.Line(x, Bottom, x, Bottom + 5, "#666666");
            svg.Text(x, Bottom + 19, NinesLabel(n), anchor: "middle", size: 11);
        }

        svg.Line(Left, Bottom, Right, Bottom, "#333333");
        svg.Line(Left, Top, Left, Bottom, "#333333");
        svg.Text((Left + Right) / 2, Height - 14, "percentile", anchor: "middle");
        svg.Text(20, (Top + Bottom) / 2, "latency", anchor: "middle", rotate: -90);
        if (histogram.Count == 0)
        {
            svg.Text((Left + Right) / 2, (Top + Bottom) / 2, "no measured requests", anchor: "middle", size: 14);
            return;
        }

        var points = new List<(double X, double Y)>();
        for (var x = 0.0; x <= nines + 1e-9; x += Step)
        {
            points.Add((axis.Map(x), latency.Map(histogram.ValueAtQuantile(1 - Math.Pow(10, -x)))));
        }

        var maxY = latency.Map(histogram.Maximum);
        svg.Line(Left, maxY, Right, maxY, "#d62728", 1, "6 4");
        // Labelled at the left, where the curve is lowest and never collides with the label.
        svg.Text(Left + 6, maxY - 5, $"max {ReportFormat.Latency(histogram.Maximum)}", size: 11, fill: "#d62728");
        svg.Polyline(points, "#1f77b4", 2);

        foreach (var (label, quantile) in new[] { ("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999), ("p99.99", 0.9999) })
        {
            var x = -Math.Log10(1 - quantile);
            if (x > nines + 1e-9)
            {
                break;
            }

            var value = histogram.ValueAtQuantile(quantile);
            var (px, py) = (axis.Map(x), latency.Map(value));
            svg.Circle(px, py, 3.5, "#1f77b4");
            svg.Text(px + 6, py - 7, $"{label} {ReportFormat.Latency(value)}", size: 11);
        }
    }

    private static string NinesLabel(int nines) => nines switch
    {
        0 => "0 %",
        1 => "90 %",
        2 => "99 %",
        _ => "99." + new string('9', nines - 2) + " %",
    };
}
