using System.Collections.Frozen;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Node.Products;

/// <summary>
/// This node's read-only copy of the card products, read on every card command; replaced as a whole
/// when the catalog entity changes, so readers never lock.
/// </summary>
public sealed class ProductCatalog(Currency currency)
{
    private FrozenDictionary<ProductId, CardProduct> _products = FrozenDictionary<ProductId, CardProduct>.Empty;

    /// <summary>
    /// The terms used to answer a command for a card that was never issued: the decider needs a
    /// product to validate amounts before it finds out that the card does not exist.
    /// </summary>
    public CardProduct Fallback { get; } = new() { Id = new ProductId(uint.MaxValue), Name = "Card not issued", Currency = currency };

    public long Version { get; private set; } = -1;

    public CardProduct? Find(ProductId id) => _products.GetValueOrDefault(id);

    public IReadOnlyCollection<CardProduct> All => _products.Values;

    internal void Replace(IEnumerable<CardProduct> products, long version)
    {
        if (version <= Version)
        {
            return; // an older copy arriving late
        }

        _products = products.ToFrozenDictionary(p => p.Id);
        Version = version;
    }
}
