namespace CardActors.Domain.Monetary;

/// <summary>A rate in hundredths of a percent: 50 bp = 0.5 %, 10,000 bp = 100 %.</summary>
public readonly record struct BasisPoints(int Value)
{
    public const int PerWhole = 10_000;

    public static BasisPoints Zero => default;

    public static BasisPoints FromPercentHundredths(int hundredths) => new(hundredths);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bp";
}
