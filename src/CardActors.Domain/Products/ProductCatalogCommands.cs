namespace CardActors.Domain.Products;

/// <summary>A request to the product catalog entity, which holds every card product of the issuer.</summary>
public abstract record ProductCatalogCommand;

/// <summary>Adds a product under a new id.</summary>
public sealed record DefineProduct(CardProduct Product) : ProductCatalogCommand;

/// <summary>
/// Replaces an existing product's terms. Currency and identity are fixed for the product's life;
/// everything else may change and applies to its cards from then on, except what a card copied
/// when it was issued or activated.
/// </summary>
public sealed record ReviseProduct(CardProduct Product) : ProductCatalogCommand;
