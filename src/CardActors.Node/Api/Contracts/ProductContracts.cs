namespace CardActors.Node.Api.Contracts;

/// <summary>A card product as the API reads and writes it; amounts in minor units of <see cref="Currency"/>.</summary>
public sealed record ProductDocument
{
    public long? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>anonymous or realName.</summary>
    public string? Identity { get; init; }

    /// <summary>ISO 4217 numeric; 156 (CNY) when absent.</summary>
    public int? Currency { get; init; }

    public long[]? Denominations { get; init; }

    public long? BalanceCap { get; init; }

    /// <summary>Null with <see cref="NoExpiry"/> true: cards never expire (real-name only).</summary>
    public int? ValidityMonths { get; init; }

    public bool? NoExpiry { get; init; }

    public long? PerTransactionLimit { get; init; }

    public long? DailyAmountLimit { get; init; }

    public int? DailyCountLimit { get; init; }

    public ScopeDocument? Scope { get; init; }

    /// <summary>mainFirst or bonusFirst.</summary>
    public string? SpendingOrder { get; init; }

    public int? HoldExpiryHours { get; init; }

    public int? IdempotencyWindowHours { get; init; }

    public int? RefundWindowDays { get; init; }

    public ExtensionDocument? Extension { get; init; }

    /// <summary>True: cards of this product cannot be extended.</summary>
    public bool? NoExtension { get; init; }

    public int? DormancyMonths { get; init; }

    /// <summary>Transactions a card remembers for repeats and references (4–256; 32 when absent). Copied into each card at issue.</summary>
    public int? RecentMemory { get; init; }

    /// <summary>Sales a card remembers for reversals and refunds (4–256; 32 when absent). Copied into each card at issue.</summary>
    public int? SaleMemory { get; init; }

    /// <summary>Authorizations a card may have open at once (1–1024; 32 when absent). Copied into each card at issue.</summary>
    public int? MaxOpenHolds { get; init; }
}

public sealed record ScopeDocument
{
    public int[]? Categories { get; init; }

    public long[]? Groups { get; init; }

    public long[]? Projects { get; init; }
}

public sealed record ExtensionDocument
{
    public int? Months { get; init; }

    public long? Fee { get; init; }
}
