using System.Collections.Immutable;
using System.Globalization;

namespace CardActors.Domain.Products;

/// <summary>
/// Decides catalog commands. A rejection lists every problem found, each naming its field. A
/// revision that changes nothing is accepted without an event.
/// </summary>
public static class ProductCatalogDecider
{
    public static ProductCatalogDecision Decide(ProductCatalogState state, ProductCatalogCommand command, in ProductCatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            DefineProduct c => DecideDefine(state, c.Product, context.Now),
            ReviseProduct c => DecideRevise(state, c.Product, context.Now),
            _ => throw new ArgumentException("unknown product catalog command " + command.GetType().Name, nameof(command)),
        };
    }

    private static ProductCatalogDecision DecideDefine(ProductCatalogState state, CardProduct? product, DateTimeOffset now)
    {
        if (product is null)
        {
            return Reject(state, [Missing]);
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (state.Find(product.Id) is not null)
        {
            errors.Add(new FieldError("id", "product " + Format(product) + " already exists"));
        }
        else if (state.Count >= ProductCatalogState.MaxProducts)
        {
            errors.Add(new FieldError("id", "the catalog already holds the maximum of 1024 products"));
        }
        errors.AddRange(product.Validate());
        return errors.Count > 0 ? Reject(state, errors.ToImmutable()) : Accept(state, new ProductDefined(now, product));
    }

    private static ProductCatalogDecision DecideRevise(ProductCatalogState state, CardProduct? product, DateTimeOffset now)
    {
        if (product is null)
        {
            return Reject(state, [Missing]);
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var current = state.Find(product.Id);
        if (current is null)
        {
            errors.Add(new FieldError("id", "product " + Format(product) + " does not exist"));
        }
        else
        {
            if (product.Currency != current.Currency)
            {
                errors.Add(new FieldError("currency", "cannot change"));
            }
            if (product.Identity != current.Identity)
            {
                errors.Add(new FieldError("identity", "cannot change"));
            }
        }
        errors.AddRange(product.Validate());
        if (errors.Count > 0)
        {
            return Reject(state, errors.ToImmutable());
        }
        return product.HasSameTermsAs(current!) ? Accept(state) : Accept(state, new ProductRevised(now, product));
    }

    private static FieldError Missing => new("product", "must be set");

    private static string Format(CardProduct product) => product.Id.Value.ToString(CultureInfo.InvariantCulture);

    private static ProductCatalogDecision Accept(ProductCatalogState state) =>
        new(null, new ProductCatalogReply(true, [], state.Version));

    private static ProductCatalogDecision Accept(ProductCatalogState state, ProductCatalogEvent catalogEvent) =>
        new(catalogEvent, new ProductCatalogReply(true, [], state.Version + 1));

    private static ProductCatalogDecision Reject(ProductCatalogState state, ImmutableArray<FieldError> errors) =>
        new(null, new ProductCatalogReply(false, errors, state.Version));
}
