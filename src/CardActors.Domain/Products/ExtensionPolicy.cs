using CardActors.Domain.Monetary;

namespace CardActors.Domain.Products;

/// <summary>How an expired (or expiring) card is extended: months added and the fee charged to the main purse.</summary>
public sealed record ExtensionPolicy(int MonthsAdded, Money Fee)
{
    public static ExtensionPolicy FreeTwelveMonths { get; } = new(12, Money.Zero);
}
