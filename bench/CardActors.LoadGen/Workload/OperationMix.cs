namespace CardActors.LoadGen.Workload;

/// <summary>
/// Relative weights of the operations a workload issues (integers: "60 purchases for every 10
/// authorizations"). A completion, refund or reversal needs an earlier original; when none is
/// old enough yet it is replaced by the operation that creates one (see <see cref="WorkloadGenerator"/>).
/// </summary>
public sealed record OperationMix
{
    /// <summary>A campus-card day: mostly purchases, some holds that are later captured, top-ups and inquiries.</summary>
    public static OperationMix Default { get; } = new()
    {
        Authorize = 10,
        Complete = 9,
        Purchase = 60,
        TopUp = 8,
        Refund = 2,
        Reverse = 2,
        BalanceInquiry = 9,
    };

    public int Authorize { get; init; }

    public int Complete { get; init; }

    public int Purchase { get; init; }

    public int TopUp { get; init; }

    public int Refund { get; init; }

    public int Reverse { get; init; }

    public int BalanceInquiry { get; init; }

    public int WeightOf(OperationKind kind) => kind switch
    {
        OperationKind.Authorize => Authorize,
        OperationKind.Complete => Complete,
        OperationKind.Purchase => Purchase,
        OperationKind.TopUp => TopUp,
        OperationKind.Refund => Refund,
        OperationKind.Reverse => Reverse,
        OperationKind.BalanceInquiry => BalanceInquiry,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown operation kind."),
    };

    /// <summary>The weights in <see cref="OperationKinds.All"/> order.</summary>
    public long[] ToWeights()
    {
        var weights = new long[OperationKinds.Count];
        foreach (var kind in OperationKinds.All)
        {
            weights[(int)kind] = WeightOf(kind);
        }

        return weights;
    }

    public void Validate()
    {
        long total = 0;
        foreach (var kind in OperationKinds.All)
        {
            var weight = WeightOf(kind);
            if (weight < 0)
            {
                throw new ArgumentException($"The weight of {kind} is negative ({weight}).");
            }

            total += weight;
        }

        if (total == 0)
        {
            throw new ArgumentException("The operation mix has no positive weight.");
        }

        if (Complete > 0 && Authorize == 0)
        {
            throw new ArgumentException("Completions need authorizations to complete: give Authorize a weight.");
        }

        if (Refund > 0 && Purchase == 0)
        {
            throw new ArgumentException("Refunds need purchases to refund: give Purchase a weight.");
        }

        if (Reverse > 0 && Purchase == 0 && Authorize == 0)
        {
            throw new ArgumentException("Reversals need authorizations or purchases to reverse.");
        }
    }
}
