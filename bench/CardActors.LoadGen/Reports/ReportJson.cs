using System.Text.Json;
using CardActors.LoadGen.FindMax;

namespace CardActors.LoadGen.Reports;

/// <summary>Reads and writes reports as indented camelCase JSON.</summary>
public static class ReportJson
{
    public static string Serialize(LoadReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.LoadReport);

    public static LoadReport DeserializeLoadReport(string json) =>
        JsonSerializer.Deserialize(json, ReportJsonContext.Default.LoadReport) ?? throw new JsonException("The document holds no load report.");

    public static string Serialize(MaxRateReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.MaxRateReport);

    public static MaxRateReport DeserializeMaxRateReport(string json) =>
        JsonSerializer.Deserialize(json, ReportJsonContext.Default.MaxRateReport) ?? throw new JsonException("The document holds no find-max report.");
}
