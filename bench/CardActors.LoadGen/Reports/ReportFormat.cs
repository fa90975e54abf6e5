using System.Globalization;

namespace CardActors.LoadGen.Reports;

/// <summary>Human renderings of the report's numbers, culture-invariant so reports diff cleanly.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A latency in microseconds as µs, ms or s with three significant figures.</summary>
    public static string Latency(long microseconds) => microseconds switch
    {
        < 1_000 => string.Create(Invariant, $"{microseconds} µs"),
        < 1_000_000 => string.Create(Invariant, $"{Significant(microseconds / 1e3)} ms"),
        _ => string.Create(Invariant, $"{Significant(microseconds / 1e6)} s"),
    };

    public static string Latency(double microseconds) => Latency((long)Math.Round(microseconds));

    public static string Rate(double perSecond) => string.Create(Invariant, $"{perSecond:N0}/s");

    public static string Count(long count) => count.ToString("N0", Invariant);

    public static string Percent(double fraction) => fraction switch
    {
        0 => "0 %",
        < 0.0001 => string.Create(Invariant, $"{fraction * 100:0.####} %"),
        _ => string.Create(Invariant, $"{fraction * 100:0.##} %"),
    };

    public static string Seconds(double seconds) => string.Create(Invariant, $"{seconds:0.###} s");

    public static string Number(double value) => value.ToString("0.##", Invariant);

    private static string Significant(double value) => value switch
    {
        < 10 => value.ToString("0.00", Invariant),
        < 100 => value.ToString("0.0", Invariant),
        _ => value.ToString("0", Invariant),
    };
}
