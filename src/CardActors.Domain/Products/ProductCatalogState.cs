using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Products;

/// <summary>
/// Every card product of the issuer, changed only by <see cref="Apply"/>. Products are kept in id
/// order in one immutable array, so a node can hand <see cref="All"/> out as its read-only copy.
/// </summary>
public sealed class ProductCatalogState
{
    /// <summary>An issuer runs a few dozen products; the bound keeps the entity and its snapshot small.</summary>
    public const int MaxProducts = 1024;

    /// <summary>Number of events applied.</summary>
    public long Version { get; private set; }

    /// <summary>Every product, in ascending id order.</summary>
    public ImmutableArray<CardProduct> All { get; private set; } = [];

    public int Count => All.Length;

    public CardProduct? Find(ProductId id)
    {
        var index = IndexOf(id);
        return index >= 0 ? All[index] : null;
    }

    /// <remarks>
    /// Terms are not validated again here: they were validated when decided, and a rule made
    /// stricter later must not stop an old journal from replaying.
    /// </remarks>
    public void Apply(ProductCatalogEvent catalogEvent)
    {
        ArgumentNullException.ThrowIfNull(catalogEvent);
        switch (catalogEvent)
        {
            case ProductDefined e:
            {
                var product = e.Product ?? throw Violation("defined product missing");
                var index = IndexOf(product.Id);
                if (product.Id.IsNone || index >= 0 || All.Length >= MaxProducts)
                {
                    throw Violation("product " + product.Id + " defined twice, with id zero or beyond the limit");
                }
                All = All.Insert(~index, product);
                break;
            }
            case ProductRevised e:
            {
                var product = e.Product ?? throw Violation("revised product missing");
                var index = IndexOf(product.Id);
                if (index < 0)
                {
                    throw Violation("revised product " + product.Id + " was never defined");
                }
                var current = All[index];
                if (product.Currency != current.Currency || product.Identity != current.Identity)
                {
                    throw Violation("product " + product.Id + " revised with another currency or identity");
                }
                All = All.SetItem(index, product);
                break;
            }
            default:
                throw Violation("unknown event " + catalogEvent.GetType().Name);
        }
        Version++;
    }

    /// <summary>Restores a snapshot; used by the codec only.</summary>
    internal void Restore(long version, ImmutableArray<CardProduct> products)
    {
        if (version < 0 || products.Length > MaxProducts)
        {
            throw Violation("version negative or too many products");
        }
        for (var i = 0; i < products.Length; i++)
        {
            if (products[i].Id.IsNone || (i > 0 && products[i - 1].Id.Value >= products[i].Id.Value))
            {
                throw Violation("products not in ascending id order");
            }
        }
        Version = version;
        All = products;
    }

    /// <summary>The product's index, or the bitwise complement of where it would be inserted.</summary>
    private int IndexOf(ProductId id)
    {
        var products = All.AsSpan();
        int low = 0, high = products.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var value = products[middle].Id.Value;
            if (value == id.Value)
            {
                return middle;
            }
            if (value < id.Value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ~low;
    }

    private static InvalidOperationException Violation(string what) => new("product catalog invariant violated: " + what);
}
