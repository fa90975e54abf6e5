namespace CardActors.LoadGen.Workload;

/// <summary>
/// One request of a load run, independent of any wire format: what to do, to which card, at which
/// merchant, for how much. Values, not objects: the scheduler produces one per arrival without
/// allocating, and a transport copies it into its pending table.
/// </summary>
/// <param name="Sequence">Unique within the engine's runs, increasing in intended-time order.</param>
/// <param name="CardIndex">Zero-based card index; index 0 is the most frequently chosen card.</param>
/// <param name="MerchantIndex">Zero-based merchant index; index 0 is the busiest merchant.</param>
/// <param name="Amount">In minor units (fen); zero for a balance inquiry.</param>
/// <param name="Original">The earlier request this one refers to, or <see cref="OriginalReference.None"/>.</param>
public readonly record struct LoadRequest(
    long Sequence,
    OperationKind Kind,
    int CardIndex,
    int MerchantIndex,
    long Amount,
    OriginalReference Original);
