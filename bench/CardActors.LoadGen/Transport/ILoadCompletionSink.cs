using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Transport;

/// <summary>
/// Where a transport reports how each request ended. Thread-safe and allocation-free: completions
/// arrive on any thread, in any order.
/// </summary>
public interface ILoadCompletionSink
{
    /// <summary>Reports the end of a request sent with <see cref="ILoadTarget.Send"/>.</summary>
    /// <param name="request">The request as it was sent.</param>
    /// <param name="intendedTimestamp">The intended send time given to <see cref="ILoadTarget.Send"/>.</param>
    /// <param name="outcome">The response code, or the transport error that ended the request.</param>
    /// <param name="completedTimestamp">The engine clock's time when the response was read (or the error seen).</param>
    void Complete(in LoadRequest request, long intendedTimestamp, LoadOutcome outcome, long completedTimestamp);
}
