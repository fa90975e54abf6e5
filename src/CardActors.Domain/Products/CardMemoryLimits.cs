namespace CardActors.Domain.Products;

/// <summary>
/// How much a card remembers, by count: the transactions kept for idempotency and references
/// (<see cref="RecentMemory"/>), the sales kept for reversals and refunds (<see cref="SaleMemory"/>),
/// and the authorizations that may be open at once (<see cref="MaxOpenHolds"/>). Product terms,
/// copied into a card when it is issued (like the windows), so replay never depends on the
/// catalog and a revision affects only cards issued afterwards.
/// </summary>
public readonly record struct CardMemoryLimits(int RecentMemory, int SaleMemory, int MaxOpenHolds)
{
    public const int DefaultMemory = 32;
    public const int MinMemory = 4;
    public const int MaxMemory = 256;
    public const int DefaultMaxOpenHolds = 32;
    public const int MinOpenHolds = 1;
    public const int MaxOpenHoldsLimit = 1024;

    /// <summary>The limits of every card issued before they were product terms.</summary>
    public static CardMemoryLimits Default => new(DefaultMemory, DefaultMemory, DefaultMaxOpenHolds);

    public bool IsValid =>
        RecentMemory is >= MinMemory and <= MaxMemory
        && SaleMemory is >= MinMemory and <= MaxMemory
        && MaxOpenHolds is >= MinOpenHolds and <= MaxOpenHoldsLimit;
}
