namespace CardActors.LoadGen.Workload;

/// <summary>How amounts are drawn, in minor units: all integer, no floating point near money.</summary>
public enum AmountDistributionKind
{
    /// <summary>Always <see cref="AmountDistribution.Minimum"/>.</summary>
    Fixed = 0,

    /// <summary>Uniform over [<see cref="AmountDistribution.Minimum"/>, <see cref="AmountDistribution.Maximum"/>].</summary>
    Uniform = 1,

    /// <summary>One of <see cref="AmountDistribution.Values"/>, with probability proportional to its weight.</summary>
    Weighted = 2,
}

/// <summary>A weighted amount of a <see cref="AmountDistributionKind.Weighted"/> distribution.</summary>
public readonly record struct WeightedAmount(long Amount, int Weight);

/// <summary>
/// A configurable distribution of amounts in minor units. The weighted form is the one that
/// matches real traffic: a canteen's few menu prices, a top-up kiosk's denominations.
/// </summary>
public sealed record AmountDistribution
{
    /// <summary>Canteen and shop prices in fen: mostly meals between 8 and 25 yuan, a few larger baskets.</summary>
    public static AmountDistribution DefaultSpending { get; } = Weighted(
        new WeightedAmount(800, 30),
        new WeightedAmount(1200, 30),
        new WeightedAmount(1500, 20),
        new WeightedAmount(2500, 10),
        new WeightedAmount(5000, 7),
        new WeightedAmount(20000, 3));

    /// <summary>Counter top-up denominations in fen: 50, 100 and 500 yuan.</summary>
    public static AmountDistribution DefaultTopUp { get; } = Weighted(
        new WeightedAmount(5000, 40),
        new WeightedAmount(10000, 40),
        new WeightedAmount(50000, 20));

    public AmountDistributionKind Kind { get; init; }

    public long Minimum { get; init; }

    public long Maximum { get; init; }

    public IReadOnlyList<WeightedAmount> Values { get; init; } = [];

    public static AmountDistribution Fixed(long amount) =>
        new() { Kind = AmountDistributionKind.Fixed, Minimum = amount, Maximum = amount };

    public static AmountDistribution Uniform(long minimum, long maximum) =>
        new() { Kind = AmountDistributionKind.Uniform, Minimum = minimum, Maximum = maximum };

    public static AmountDistribution Weighted(params WeightedAmount[] values) =>
        new() { Kind = AmountDistributionKind.Weighted, Values = values };

    /// <param name="name">What the distribution is for, for the error message.</param>
    public void Validate(string name)
    {
        switch (Kind)
        {
            case AmountDistributionKind.Fixed:
                RequirePositive(Minimum, name);
                break;
            case AmountDistributionKind.Uniform:
                RequirePositive(Minimum, name);
                if (Maximum < Minimum)
                {
                    throw new ArgumentException($"{name}: the maximum {Maximum} is below the minimum {Minimum}.");
                }

                break;
            case AmountDistributionKind.Weighted:
                if (Values.Count == 0)
                {
                    throw new ArgumentException($"{name}: a weighted distribution needs at least one amount.");
                }

                long total = 0;
                foreach (var value in Values)
                {
                    RequirePositive(value.Amount, name);
                    if (value.Weight < 0)
                    {
                        throw new ArgumentException($"{name}: amount {value.Amount} has a negative weight.");
                    }

                    total += value.Weight;
                }

                if (total == 0)
                {
                    throw new ArgumentException($"{name}: the weights add up to zero.");
                }

                break;
            default:
                throw new ArgumentException($"{name}: unknown distribution kind {Kind}.");
        }
    }

    private static void RequirePositive(long amount, string name)
    {
        if (amount <= 0)
        {
            throw new ArgumentException($"{name}: amounts must be positive minor units, not {amount}.");
        }
    }
}
