using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>Answers every request inside Send, after an optional fixed service time on a virtual clock.</summary>
internal sealed class ImmediateTarget(ILoadClock clock, LoadOutcome outcome) : ILoadTarget
{
    public ImmediateTarget(ILoadClock clock)
        : this(clock, LoadOutcome.Approved)
    {
    }

    public List<(LoadRequest Request, long Intended, long SentAt)> Sent { get; } = [];

    public bool KeepRequests { get; init; } = true;

    public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
    {
        if (KeepRequests)
        {
            Sent.Add((request, intendedTimestamp, clock.Now));
        }

        sink.Complete(request, intendedTimestamp, outcome, clock.Now);
    }
}
