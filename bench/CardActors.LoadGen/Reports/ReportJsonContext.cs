using System.Text.Json.Serialization;
using CardActors.LoadGen.FindMax;

namespace CardActors.LoadGen.Reports;

/// <summary>Source-generated JSON metadata for the reports: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(MaxRateReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
