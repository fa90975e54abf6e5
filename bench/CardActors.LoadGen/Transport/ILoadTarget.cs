using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Transport;

/// <summary>
/// The system under load, as the engine sees it: something that accepts requests and later reports
/// how each ended. A protocol client (ISO 8583 over TCP, HTTP) implements it over as many
/// connections as it likes; pipelining, connection choice and request identifiers are its business.
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item><see cref="Send"/> is called from the engine's scheduler thread only, and must return
/// quickly without waiting for the response: the scheduler is open loop and cannot afford to be
/// held back by the system it measures. It must not throw for a failure of the target or of the
/// network; it reports such a failure as a completion with a <see cref="TransportErrorKind"/>
/// (synchronously, from inside <see cref="Send"/>, if need be).</item>
/// <item>Every request sent is completed exactly once on <paramref name="sink"/>, including
/// requests that time out (<see cref="TransportErrorKind.Timeout"/>, after the transport's own
/// request timeout). The engine waits for outstanding requests after the last send and reports
/// the ones still open at its drain deadline as unanswered.</item>
/// <item>Completion timestamps come from the engine's <see cref="Timing.ILoadClock"/>, which the
/// transport receives when it is built.</item>
/// </list>
/// </remarks>
public interface ILoadTarget
{
    /// <summary>Sends <paramref name="request"/>, whose schedule said it was due at <paramref name="intendedTimestamp"/>.</summary>
    /// <param name="sink">Where this request's completion must be reported (one sink per run).</param>
    void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink);

    /// <summary>
    /// Called on the scheduler thread after each batch of sends that fell due together. A transport
    /// that buffers its writes hands them to the network here, so that one flush carries many
    /// requests; it must not wait for the network either.
    /// </summary>
    void Flush()
    {
    }
}
