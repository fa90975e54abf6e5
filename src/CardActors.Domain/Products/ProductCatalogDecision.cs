using System.Collections.Immutable;

namespace CardActors.Domain.Products;

/// <summary>
/// The answer to a catalog command: accepted, or every problem found, each naming its field.
/// <see cref="Version"/> is the catalog's event count after the command.
/// </summary>
public readonly record struct ProductCatalogReply(bool Accepted, ImmutableArray<FieldError> Errors, long Version)
{
    /// <summary>The errors as one line, e.g. "id: product 7 already exists; name: must not be empty".</summary>
    public string Detail => Errors.IsDefaultOrEmpty ? string.Empty : string.Join("; ", Errors);
}

/// <summary>At most one event to persist, and the reply to send once it is durable.</summary>
public readonly record struct ProductCatalogDecision(ProductCatalogEvent? Event, ProductCatalogReply Reply);
