using CardActors.LoadGen.Engine;

namespace CardActors.LoadGen.FindMax;

/// <summary>How a max-rate search ended.</summary>
public enum SearchOutcome
{
    /// <summary>The highest passing rate is known within the requested precision.</summary>
    Found = 0,

    /// <summary>At the lowest failing rate the generator fell behind its schedule: the limit found may be the generator's, not the target's.</summary>
    GeneratorLimited = 1,

    /// <summary>Even the maximum rate passed: the target's limit is higher than the search looked.</summary>
    ReachedMaxRate = 2,

    /// <summary>Not even the minimum rate passed.</summary>
    NoPassingRate = 3,

    /// <summary>The step budget ran out before the precision was reached.</summary>
    StepLimit = 4,

    Cancelled = 5,
}

/// <summary>The outcome of a search, every step, and the full result of the best passing run.</summary>
public sealed record MaxRateSearchResult(
    SearchOutcome Outcome,
    double MaxPassingRate,
    double? LowestFailingRate,
    IReadOnlyList<MaxRateStep> Steps,
    LoadRunResult? BestRun);
