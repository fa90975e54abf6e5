using CardActors.LoadGen.Histograms;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>
/// The measurement the engine must not make: one client that sends at the scheduled pace but waits
/// for each answer before the next send, and times each request from its actual send. While the
/// server stalls it sends nothing, so the stall is one slow sample instead of a second of them.
/// </summary>
internal sealed class ClosedLoopClient(VirtualLoadClock clock, ILoadTarget target) : ILoadCompletionSink
{
    private bool _answered;

    public LogLinearHistogram Run(double rate, long start, long measureStart, long end)
    {
        var latency = new LogLinearHistogram(3, 3_600_000_000);
        var gap = (long)(Nanoseconds.PerSecond / rate);
        var next = start;
        long sequence = 0;
        while (next < end)
        {
            clock.AdvanceTo(next);
            var sentAt = clock.Now;
            _answered = false;
            var request = new LoadRequest(sequence++, OperationKind.Purchase, 0, 0, 100, OriginalReference.None);
            target.Send(request, sentAt, this);
            clock.RunUntilIdle();
            if (!_answered)
            {
                throw new InvalidOperationException("The target never answered.");
            }

            if (sentAt >= measureStart)
            {
                latency.Record(Nanoseconds.ToMicroseconds(clock.Now - sentAt));
            }

            next = Math.Max(next + gap, clock.Now);
        }

        return latency;
    }

    public void Complete(in LoadRequest request, long intendedTimestamp, LoadOutcome outcome, long completedTimestamp) => _answered = true;
}
