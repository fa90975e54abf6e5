namespace CardActors.LoadGen.Workload;

/// <summary>
/// The earlier request a completion, refund or reversal refers to. A transport rebuilds the
/// original's identifiers (STAN, RRN, transmission time) from its sequence number and intended
/// time, the same way it derived them when it sent the original.
/// </summary>
public readonly record struct OriginalReference(long Sequence, OperationKind Kind, long Amount, long IntendedTimestamp)
{
    /// <summary>The value carried by requests that refer to nothing.</summary>
    public static OriginalReference None { get; } = new(-1, OperationKind.Authorize, 0, 0);

    public bool IsNone => Sequence < 0;
}
