using System.Globalization;
using CardActors.LoadGen.Engine;

namespace CardActors.LoadGen.Reports;

/// <summary>
/// SVG chart of p50, p99 and max latency per interval over the run (log latency axis), with the
/// warm-up and drain shaded: a stall or a slow leak shows up here where a summary hides it.
/// </summary>
public static class LatencyOverTimeChart
{
    private const int Width = 900;
    private const int Height = 440;
    private const double Left = 80;
    private const double Right = Width - 30;
    private const double Top = 70;
    private const double Bottom = Height - 55;

    private static readonly (string Name, string Color, Func<IntervalResult, long> Value)[] Series =
    [
        ("max", "#d62728", i => i.Maximum),
        ("p99", "#ff7f0e", i => i.P99),
        ("p50", "#1f77b4", i => i.P50),
    ];

    public static void Write(TextWriter output, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var intervals = report.Intervals;
        var options = report.Configuration;
        var end = Math.Max(
            intervals.Count == 0 ? 0 : intervals.Max(i => i.StartSeconds + i.DurationSeconds),
            (options.Warmup + options.Duration).TotalSeconds);
        var answered = intervals.Where(i => i.Completed > 0).ToList();
        var time = new LinearScale(0, Math.Max(end, 1e-3), Left, Right);
        var latency = LatencyScale.Spanning(
            answered.Count == 0 ? 1 : answered.Min(i => i.P50),
            answered.Count == 0 ? 10 : answered.Max(i => i.Maximum),
            Bottom,
            Top);

        using var svg = new SvgCanvas(output, Width, Height, "Latency over time");
        svg.Text(Left, 28, "Latency over time (per interval, from intended send time)", size: 16, bold: true);
        svg.Text(Left, 48, Subtitle(report), size: 12, fill: "#555555");

        var warmupEnd = time.Map(options.Warmup.TotalSeconds);
        var measureEnd = time.Map((options.Warmup + options.Duration).TotalSeconds);
        svg.Rect(Left, Top, warmupEnd - Left, Bottom - Top, "#eeeeee");
        svg.Rect(measureEnd, Top, Right - measureEnd, Bottom - Top, "#f4f4f4");
        if (warmupEnd - Left > 60)
        {
            svg.Text(Left + 6, Top + 16, "warm-up", size: 11, fill: "#888888");
        }

        if (Right - measureEnd > 40)
        {
            svg.Text(measureEnd + 6, Top + 16, "drain", size: 11, fill: "#888888");
        }

        DrawLatencyGrid(svg, latency);
        foreach (var tick in time.Ticks(10))
        {
            var x = time.Map(tick);
            svg.Line(x, Bottom, x, Bottom + 5, "#666666");
            svg.Text(x, Bottom + 19, tick.ToString("0.##", CultureInfo.InvariantCulture), anchor: "middle", size: 11);
        }

        svg.Line(Left, Bottom, Right, Bottom, "#333333");
        svg.Line(Left, Top, Left, Bottom, "#333333");
        svg.Text((Left + Right) / 2, Height - 14, "seconds since start", anchor: "middle");
        svg.Text(20, (Top + Bottom) / 2, "latency", anchor: "middle", rotate: -90);

        foreach (var (name, color, value) in Series)
        {
            foreach (var segment in Segments(intervals))
            {
                svg.Polyline([.. segment.Select(i => (time.Map(i.StartSeconds + (i.DurationSeconds / 2)), latency.Map(value(i))))], color);
            }
        }

        var legendX = Right - 190.0;
        foreach (var (name, color, _) in Series)
        {
            svg.Line(legendX, Top - 12, legendX + 20, Top - 12, color, 3);
            svg.Text(legendX + 25, Top - 8, name, size: 12);
            legendX += 65;
        }
    }

    internal static void DrawLatencyGrid(SvgCanvas svg, LatencyScale latency)
    {
        foreach (var decade in latency.Decades())
        {
            var y = latency.Map(decade);
            svg.Line(Left, y, Right, y, "#d0d0d0", 1);
            svg.Text(Left - 8, y + 4, LatencyScale.Label(decade), anchor: "end", size: 11);
            if (decade * 10 <= Math.Pow(10, latency.HighestDecade))
            {
                foreach (var minor in new[] { 2, 5 })
                {
                    var minorY = latency.Map(decade * minor);
                    svg.Line(Left, minorY, Right, minorY, "#ececec", 1, "2 3");
                }
            }
        }
    }

    internal static string Subtitle(LoadReport report)
    {
        var options = report.Configuration;
        return $"{ReportFormat.Rate(options.Rate)} offered ({options.Arrival}), seed {options.Seed}, target {report.Target}";
    }

    // Consecutive intervals that had completions; an interval without any breaks the line.
    private static IEnumerable<List<IntervalResult>> Segments(IReadOnlyList<IntervalResult> intervals)
    {
        var current = new List<IntervalResult>();
        foreach (var interval in intervals)
        {
            if (interval.Completed > 0)
            {
                current.Add(interval);
            }
            else if (current.Count > 0)
            {
                yield return current;
                current = [];
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
