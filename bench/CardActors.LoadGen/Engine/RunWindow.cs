using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Engine;

/// <summary>The clock timestamps that divide a run into warm-up, measurement and drain.</summary>
public readonly record struct RunWindow(long Start, long MeasureStart, long MeasureEnd, long DrainDeadline)
{
    public static RunWindow From(long start, LoadRunOptions options)
    {
        var measureStart = start + Nanoseconds.From(options.Warmup);
        var measureEnd = measureStart + Nanoseconds.From(options.Duration);
        return new RunWindow(start, measureStart, measureEnd, measureEnd + Nanoseconds.From(options.DrainTimeout));
    }

    /// <summary>The phase of a run at <paramref name="timestamp"/>, while it has not completed.</summary>
    public RunPhase PhaseAt(long timestamp) =>
        timestamp < MeasureStart ? RunPhase.WarmingUp
        : timestamp < MeasureEnd ? RunPhase.Measuring
        : RunPhase.Draining;

    public bool IsMeasured(long intendedTimestamp) => intendedTimestamp >= MeasureStart && intendedTimestamp < MeasureEnd;
}
