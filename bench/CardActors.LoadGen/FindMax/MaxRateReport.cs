using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Reports;

namespace CardActors.LoadGen.FindMax;

/// <summary>The report of a max-rate search: its bounds, every step, and where it ended.</summary>
public sealed record MaxRateReport
{
    public required string Tool { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Target { get; init; }

    public required MachineFacts Machine { get; init; }

    /// <summary>The options of every step but its rate.</summary>
    public required LoadRunOptions Configuration { get; init; }

    public required MaxRateSearchOptions Search { get; init; }

    public required SearchOutcome Outcome { get; init; }

    /// <summary>The highest rate that passed; 0 when none did.</summary>
    public required double MaxPassingRate { get; init; }

    public required double? LowestFailingRate { get; init; }

    public required IReadOnlyList<MaxRateStep> Steps { get; init; }

    public static MaxRateReport Build(MaxRateSearchResult result, MaxRateSearchOptions search, LoadRunOptions configuration, DateTimeOffset startedAt, string target, MachineFacts machine)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MaxRateReport
        {
            Tool = LoadReportBuilder.ToolVersion,
            StartedAt = startedAt,
            Target = target,
            Machine = machine,
            Configuration = configuration,
            Search = search,
            Outcome = result.Outcome,
            MaxPassingRate = result.MaxPassingRate,
            LowestFailingRate = result.LowestFailingRate,
            Steps = result.Steps,
        };
    }
}
