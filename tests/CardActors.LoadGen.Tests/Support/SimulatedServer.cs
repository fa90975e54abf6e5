using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>
/// A queueing server in virtual time: <c>workers</c> servers take requests first come, first
/// served, each for a fixed service time; during a stall nobody makes progress. Its capacity is
/// exactly workers / serviceTime requests per second.
/// </summary>
internal sealed class SimulatedServer : ILoadTarget
{
    private readonly VirtualLoadClock _clock;
    private readonly long _serviceTime;
    private readonly long[] _freeAt;
    private readonly List<(long From, long To)> _stalls = [];
    private readonly Func<LoadRequest, LoadOutcome> _outcome;

    public SimulatedServer(VirtualLoadClock clock, int workers, long serviceTime, Func<LoadRequest, LoadOutcome>? outcome = null)
    {
        _clock = clock;
        _serviceTime = serviceTime;
        _freeAt = new long[workers];
        _outcome = outcome ?? (_ => LoadOutcome.Approved);
    }

    public double Capacity => _freeAt.Length * (double)Nanoseconds.PerSecond / _serviceTime;

    public long Received { get; private set; }

    /// <summary>Nothing is served from <paramref name="from"/> to <paramref name="to"/> (virtual timestamps).</summary>
    public void Stall(long from, long to) => _stalls.Add((from, to));

    public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
    {
        Received++;
        var worker = 0;
        for (var i = 1; i < _freeAt.Length; i++)
        {
            if (_freeAt[i] < _freeAt[worker])
            {
                worker = i;
            }
        }

        var start = Math.Max(_clock.Now, _freeAt[worker]);
        var done = start + _serviceTime;
        foreach (var (from, to) in _stalls)
        {
            if (start >= from && start < to)
            {
                done = to + _serviceTime;
            }
            else if (start < from && done > from)
            {
                done += to - from;
            }
        }

        _freeAt[worker] = done;
        var sent = request;
        var outcome = _outcome(request);
        _clock.Schedule(done, () => sink.Complete(sent, intendedTimestamp, outcome, _clock.Now));
    }
}
