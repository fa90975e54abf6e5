using System.Collections.Immutable;
using CardActors.Domain;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;
using CardActors.Node.Api.Contracts;

namespace CardActors.Node.Api;

/// <summary>Card products between their API document and the domain's terms; absent fields take the domain's defaults.</summary>
internal static class ProductDocuments
{
    /// <summary>Beyond this many hours or days a window is clamped before conversion: the product's own validation refuses it either way.</summary>
    private const int MaxWindowUnits = 100_000;

    /// <param name="nodeCurrency">The currency of every amount this node's API takes: a product must be in it.</param>
    public static CardProduct? ToProduct(ProductDocument d, FieldReader fields, Currency nodeCurrency)
    {
        var id = fields.Product(d.Id, "id");
        if (string.IsNullOrWhiteSpace(d.Name))
        {
            fields.Add("name", "is required");
        }

        var currency = nodeCurrency;
        if (d.Currency is { } code)
        {
            if (!Currency.TryCreate(code, 2, out _, out var currencyError))
            {
                fields.Add("currency", currencyError.Rule);
            }
            else if (code != nodeCurrency.NumericCode)
            {
                fields.Add("currency", $"must be {nodeCurrency.NumericCode}, the currency of this node's amounts");
            }
        }

        CardholderIdentity? identity = d.Identity switch
        {
            null or "anonymous" => CardholderIdentity.Anonymous,
            "realName" => CardholderIdentity.RealName,
            _ => null,
        };
        if (identity is null)
        {
            fields.Add("identity", "must be anonymous or realName");
        }

        SpendingOrder? order = d.SpendingOrder switch
        {
            null or "mainFirst" => SpendingOrder.MainFirst,
            "bonusFirst" => SpendingOrder.BonusFirst,
            _ => null,
        };
        if (order is null)
        {
            fields.Add("spendingOrder", "must be mainFirst or bonusFirst");
        }

        var scope = d.Scope is null ? UsageScope.Anywhere : new UsageScope(
            (d.Scope.Categories ?? []).Select((c, i) => fields.Category(c, $"scope.categories[{i}]")).ToImmutableArray(),
            (d.Scope.Groups ?? []).Select((g, i) => new MerchantGroupId(fields.Number(g, $"scope.groups[{i}]"))).ToImmutableArray(),
            (d.Scope.Projects ?? []).Select((p, i) => new ProjectId(fields.Number(p, $"scope.projects[{i}]"))).ToImmutableArray());
        if (fields.Failed)
        {
            return null;
        }

        var defaults = new CardProduct { Id = id, Name = d.Name!, Identity = identity!.Value };
        return new CardProduct
        {
            Id = id,
            Name = d.Name!.Trim(),
            Currency = currency,
            Identity = identity.Value,
            Denominations = (d.Denominations ?? []).Select(v => new Money(v, currency)).ToImmutableArray(),
            BalanceCap = d.BalanceCap is { } cap ? new Money(cap, currency) : new Money(defaults.BalanceCap.MinorUnits, currency),
            ValidityMonths = d.NoExpiry == true ? null : d.ValidityMonths ?? defaults.ValidityMonths,
            PerTransactionLimit = d.PerTransactionLimit is { } perTransaction ? new Money(perTransaction, currency) : null,
            DailyAmountLimit = d.DailyAmountLimit is { } daily ? new Money(daily, currency) : null,
            DailyCountLimit = d.DailyCountLimit,
            Scope = scope,
            SpendingOrder = order!.Value,
            HoldExpiry = d.HoldExpiryHours is { } hold ? TimeSpan.FromHours(Math.Clamp(hold, -MaxWindowUnits, MaxWindowUnits)) : defaults.HoldExpiry,
            IdempotencyWindow = d.IdempotencyWindowHours is { } window ? TimeSpan.FromHours(Math.Clamp(window, -MaxWindowUnits, MaxWindowUnits)) : defaults.IdempotencyWindow,
            RefundWindow = d.RefundWindowDays is { } refund ? TimeSpan.FromDays(Math.Clamp(refund, -MaxWindowUnits, MaxWindowUnits)) : defaults.RefundWindow,
            Extension = d.NoExtension == true ? null
                : d.Extension is { } extension ? new ExtensionPolicy(extension.Months ?? 12, new Money(extension.Fee ?? 0, currency))
                : defaults.Extension is { } standard ? new ExtensionPolicy(standard.MonthsAdded, new Money(standard.Fee.MinorUnits, currency)) : null,
            DormancyMonths = d.DormancyMonths,
            RecentMemory = d.RecentMemory ?? defaults.RecentMemory,
            SaleMemory = d.SaleMemory ?? defaults.SaleMemory,
            MaxOpenHolds = d.MaxOpenHolds ?? defaults.MaxOpenHolds,
        };
    }

    /// <summary>A problem the product's validation found, under the name the request used for the field.</summary>
    public static FieldError ToRequestField(FieldError error, ProductDocument d) => error.Field switch
    {
        "holdExpiry" => error with { Field = "holdExpiryHours" },
        "idempotencyWindow" => error with { Field = "idempotencyWindowHours" },
        "refundWindow" => error with { Field = "refundWindowDays" },
        "extension.monthsAdded" => error with { Field = "extension.months" },
        "validityMonths" when d.NoExpiry == true && error.Rule.Contains("no expiry", StringComparison.Ordinal) => error with { Field = "noExpiry" },
        _ => error,
    };

    public static ProductDocument ToDocument(CardProduct p) => new()
    {
        Id = p.Id.Value,
        Name = p.Name,
        Identity = p.Identity == CardholderIdentity.RealName ? "realName" : "anonymous",
        Currency = p.Currency.NumericCode,
        Denominations = p.Denominations.Select(m => m.MinorUnits).ToArray(),
        BalanceCap = p.BalanceCap.MinorUnits,
        ValidityMonths = p.ValidityMonths,
        NoExpiry = p.ValidityMonths is null,
        PerTransactionLimit = p.PerTransactionLimit?.MinorUnits,
        DailyAmountLimit = p.DailyAmountLimit?.MinorUnits,
        DailyCountLimit = p.DailyCountLimit,
        Scope = new ScopeDocument
        {
            Categories = p.Scope.Categories.Select(c => (int)c.Code).ToArray(),
            Groups = p.Scope.Groups.Select(g => (long)g.Value).ToArray(),
            Projects = p.Scope.Projects.Select(x => (long)x.Value).ToArray(),
        },
        SpendingOrder = p.SpendingOrder == SpendingOrder.BonusFirst ? "bonusFirst" : "mainFirst",
        HoldExpiryHours = (int)p.HoldExpiry.TotalHours,
        IdempotencyWindowHours = (int)p.IdempotencyWindow.TotalHours,
        RefundWindowDays = (int)p.RefundWindow.TotalDays,
        Extension = p.Extension is { } e ? new ExtensionDocument { Months = e.MonthsAdded, Fee = e.Fee.MinorUnits } : null,
        NoExtension = p.Extension is null,
        DormancyMonths = p.DormancyMonths,
        RecentMemory = p.RecentMemory,
        SaleMemory = p.SaleMemory,
        MaxOpenHolds = p.MaxOpenHolds,
    };
}
