using System.Text;
using CardActors.LoadGen.FindMax;

namespace CardActors.LoadGen.Reports;

/// <summary>Writes a run's report files side by side: JSON, Markdown and the two charts.</summary>
public static class ReportFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory, string baseName, LoadReport report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var overTime = $"{baseName}-latency-over-time.svg";
        var percentiles = $"{baseName}-percentiles.svg";
        var paths = new List<string>
        {
            WriteFile(directory, $"{baseName}.json", w => w.Write(ReportJson.Serialize(report))),
            WriteFile(directory, $"{baseName}.md", w => MarkdownReportWriter.Write(w, report, (overTime, percentiles))),
            WriteFile(directory, overTime, w => LatencyOverTimeChart.Write(w, report)),
            WriteFile(directory, percentiles, w => PercentileChart.Write(w, report)),
        };
        return paths;
    }

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory, string baseName, MaxRateReport report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        return
        [
            WriteFile(directory, $"{baseName}.json", w => w.Write(ReportJson.Serialize(report))),
            WriteFile(directory, $"{baseName}.md", w => MaxRateMarkdownWriter.Write(w, report)),
        ];
    }

    private static string WriteFile(string directory, string name, Action<TextWriter> write)
    {
        var path = Path.Combine(directory, name);
        using (var writer = new StreamWriter(path, append: false, Utf8))
        {
            write(writer);
        }

        return path;
    }
}
