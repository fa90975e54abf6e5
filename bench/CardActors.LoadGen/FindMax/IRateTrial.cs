using CardActors.LoadGen.Engine;

namespace CardActors.LoadGen.FindMax;

/// <summary>One measured run at a given offered rate: what the max-rate search steps through.</summary>
public interface IRateTrial
{
    LoadRunResult Run(double ratePerSecond, CancellationToken cancellationToken);
}
