namespace CardActors.Domain.Products;

/// <summary>What a catalog decision needs besides state and command: the time, kept in UTC.</summary>
public readonly struct ProductCatalogContext
{
    public ProductCatalogContext(DateTimeOffset now) => Now = now.ToUniversalTime();

    public DateTimeOffset Now { get; }
}
