namespace CardActors.LoadGen.Workload;

/// <summary>What the generated traffic looks like: who pays where, for what, how much.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Cards 0..CardCount-1 must exist on the target before the run.</summary>
    public int CardCount { get; init; } = 100_000;

    /// <summary>Merchants 0..MerchantCount-1 must exist on the target before the run.</summary>
    public int MerchantCount { get; init; } = 1_000;

    /// <summary>Zipf exponent of the card choice; 0 is uniform, around 1 a few heavy users.</summary>
    public double CardSkew { get; init; } = 0.8;

    /// <summary>Zipf exponent of the merchant choice; above 1 one canteen takes a large share.</summary>
    public double MerchantSkew { get; init; } = 1.1;

    public OperationMix Mix { get; init; } = OperationMix.Default;

    /// <summary>Amounts of authorizations and purchases.</summary>
    public AmountDistribution SpendAmounts { get; init; } = AmountDistribution.DefaultSpending;

    /// <summary>Amounts of top-ups.</summary>
    public AmountDistribution TopUpAmounts { get; init; } = AmountDistribution.DefaultTopUp;

    /// <summary>
    /// How much earlier (in intended time) an original must have been scheduled before a
    /// completion, refund or reversal may refer to it, so that its answer has normally arrived.
    /// </summary>
    public TimeSpan FollowUpDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many authorizations (and, separately, purchases) wait for a follow-up; when full, the
    /// oldest is forgotten, like a hold left to expire.
    /// </summary>
    public int OriginalPoolCapacity { get; init; } = 65_536;

    /// <summary>
    /// How many of the newest originals (authorizations and purchases together) the target keeps
    /// the identifiers of, for follow-ups to name: twice the pool capacity. A pooled original
    /// older than that is forgotten like one dropped from a full pool, never named.
    /// </summary>
    public int RememberedOriginals => 2 * OriginalPoolCapacity;

    public void Validate()
    {
        if (CardCount < 1)
        {
            throw new ArgumentException($"The card count must be at least 1, not {CardCount}.");
        }

        if (MerchantCount < 1)
        {
            throw new ArgumentException($"The merchant count must be at least 1, not {MerchantCount}.");
        }

        ValidateSkew(CardSkew, "card");
        ValidateSkew(MerchantSkew, "merchant");
        ArgumentNullException.ThrowIfNull(Mix);
        Mix.Validate();
        SpendAmounts.Validate("spend amounts");
        TopUpAmounts.Validate("top-up amounts");
        if (FollowUpDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"The follow-up delay cannot be negative ({FollowUpDelay}).");
        }

        if (OriginalPoolCapacity < 1)
        {
            throw new ArgumentException($"The original pool capacity must be at least 1, not {OriginalPoolCapacity}.");
        }
    }

    private static void ValidateSkew(double skew, string what)
    {
        if (!(skew >= 0) || double.IsInfinity(skew))
        {
            throw new ArgumentException($"The {what} skew must be a finite number >= 0, not {skew}.");
        }
    }
}
