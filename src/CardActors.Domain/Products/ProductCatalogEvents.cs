namespace CardActors.Domain.Products;

/// <summary>A fact in the product catalog's journal.</summary>
public abstract record ProductCatalogEvent(DateTimeOffset At);

public sealed record ProductDefined(DateTimeOffset At, CardProduct Product) : ProductCatalogEvent(At);

public sealed record ProductRevised(DateTimeOffset At, CardProduct Product) : ProductCatalogEvent(At);
