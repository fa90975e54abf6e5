namespace CardActors.LoadGen.Workload;

/// <summary>What a generator produced, by operation kind.</summary>
/// <param name="Issued">Requests produced, indexed by <see cref="OperationKind"/>.</param>
/// <param name="Substituted">
/// Draws of a follow-up kind that found no original old enough, indexed by the kind drawn; each
/// was issued as the operation that creates an original instead.
/// </param>
/// <param name="OriginalsDropped">Originals forgotten because their pool was full.</param>
public sealed record WorkloadCounters(IReadOnlyList<long> Issued, IReadOnlyList<long> Substituted, long OriginalsDropped);
