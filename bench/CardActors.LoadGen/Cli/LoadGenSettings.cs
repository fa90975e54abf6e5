using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Provisioning;

namespace CardActors.LoadGen.Cli;

/// <summary>Everything a command line asked for, resolved into the options of each part.</summary>
public sealed record LoadGenSettings
{
    public required IsoTargetOptions Target { get; init; }

    public required ProvisioningOptions Provisioning { get; init; }

    /// <summary>The run (for find-max: every step but its rate).</summary>
    public required LoadRunOptions Run { get; init; }

    /// <summary>Null for <c>run</c> and <c>provision</c>.</summary>
    public MaxRateSearchOptions? Search { get; init; }

    /// <summary>Idle time between find-max steps.</summary>
    public TimeSpan StepPause { get; init; }

    /// <summary>The estate cache file; null when none was given.</summary>
    public string? ProvisionCache { get; init; }

    /// <summary>Reuse the cached estate and never call the HTTP API.</summary>
    public bool NoProvision { get; init; }

    public required string OutputDirectory { get; init; }

    public LiveViewMode Live { get; init; }

    /// <summary>The final part of each scheduler wait spent yielding instead of sleeping.</summary>
    public TimeSpan SpinWindow { get; init; }
}
