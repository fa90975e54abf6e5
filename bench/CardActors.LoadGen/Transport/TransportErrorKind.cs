namespace CardActors.LoadGen.Transport;

/// <summary>Why a request got no response code from the target.</summary>
public enum TransportErrorKind
{
    /// <summary>No response within the transport's request timeout.</summary>
    Timeout = 1,

    /// <summary>No connection could be made, or it broke before the response arrived.</summary>
    ConnectionFailed = 2,

    /// <summary>The transport refused the request locally (for instance its send queue was full).</summary>
    SendRejected = 3,

    /// <summary>A response arrived but could not be understood.</summary>
    MalformedResponse = 4,

    /// <summary>The run ended (cancelled or drained) before the request was answered.</summary>
    Abandoned = 5,
}
