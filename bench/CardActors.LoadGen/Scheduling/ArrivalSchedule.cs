using CardActors.LoadGen.Sampling;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Scheduling;

/// <summary>
/// The intended send times of a run, computed from the schedule alone: when a request is due never
/// depends on when an earlier one was answered. That independence is what lets the engine charge a
/// stalled server for every request it should have been sent during the stall.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly ArrivalProcess _process;
    private readonly double _meanGapNanoseconds;
    private readonly long _start;
    private readonly DeterministicRandom? _random;
    private double _offset;
    private long _index;

    public ArrivalSchedule(ArrivalProcess process, double ratePerSecond, long startTimestamp, long seed)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be a positive number of requests per second.");
        }

        if (process is not (ArrivalProcess.Constant or ArrivalProcess.Poisson))
        {
            throw new ArgumentOutOfRangeException(nameof(process), process, "Unknown arrival process.");
        }

        _process = process;
        _meanGapNanoseconds = Nanoseconds.PerSecond / ratePerSecond;
        _start = startTimestamp;
        if (process == ArrivalProcess.Poisson)
        {
            _random = DeterministicRandom.ForStream(seed, RandomStream.Arrivals);
            _offset = ExponentialGap();
        }

        Current = startTimestamp + (long)Math.Round(_offset);
    }

    /// <summary>The intended send time of the next request.</summary>
    public long Current { get; private set; }

    /// <summary>How many requests have been scheduled before <see cref="Current"/>.</summary>
    public long Index => _index;

    public void Advance()
    {
        _index++;

        // Constant spacing is computed from the index, not accumulated, so it never drifts.
        _offset = _process == ArrivalProcess.Constant
            ? _index * _meanGapNanoseconds
            : _offset + ExponentialGap();
        Current = _start + (long)Math.Round(_offset);
    }

    private double ExponentialGap() => -Math.Log(1.0 - _random!.NextDouble()) * _meanGapNanoseconds;
}
