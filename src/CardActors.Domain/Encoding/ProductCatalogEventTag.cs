namespace CardActors.Domain.Encoding;

/// <summary>The first byte of every encoded product catalog event. Journaled: values are never changed or reused.</summary>
public enum ProductCatalogEventTag : byte
{
    ProductDefined = 1,
    ProductRevised = 2,
}
