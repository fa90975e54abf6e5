using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Products;

/// <summary>
/// The terms every card of a product shares. Immutable; a node holds one copy per product and
/// hands it to the card's decider with each command. Optional limits are null when not imposed.
/// </summary>
public sealed class CardProduct
{
    public const long DefaultAnonymousCapFen = 100_000;
    public const long DefaultRealNameCapFen = 500_000;

    private readonly Money? _balanceCap;

    public required ProductId Id { get; init; }

    public required string Name { get; init; }

    public Currency Currency { get; init; } = Currency.Cny;

    /// <summary>Face values offered at issue; empty means any initial load is accepted.</summary>
    public ImmutableArray<Money> Denominations { get; init; } = [];

    public CardholderIdentity Identity { get; init; } = CardholderIdentity.Anonymous;

    /// <summary>Most customer money a card may hold after a load; defaults by identity (PBOC caps).</summary>
    public Money BalanceCap
    {
        get => _balanceCap ?? new Money(Identity == CardholderIdentity.RealName ? DefaultRealNameCapFen : DefaultAnonymousCapFen, Currency);
        init => _balanceCap = value;
    }

    /// <summary>The cap as set, or null when it follows the identity's default; for the codec, which keeps the difference.</summary>
    internal Money? ExplicitBalanceCap
    {
        get => _balanceCap;
        init => _balanceCap = value;
    }

    /// <summary>Months from activation to expiry; null means the card never expires (real-name only).</summary>
    public int? ValidityMonths { get; init; } = 36;

    public Money? PerTransactionLimit { get; init; }

    public Money? DailyAmountLimit { get; init; }

    public int? DailyCountLimit { get; init; }

    public UsageScope Scope { get; init; } = UsageScope.Anywhere;

    public SpendingOrder SpendingOrder { get; init; } = SpendingOrder.MainFirst;

    public TimeSpan HoldExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a transaction is remembered for duplicate detection and references by key.</summary>
    public TimeSpan IdempotencyWindow { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan RefundWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Null means cards of this product cannot be extended.</summary>
    public ExtensionPolicy? Extension { get; init; } = ExtensionPolicy.FreeTwelveMonths;

    /// <summary>Months without use after which a card is reported dormant; null means never.</summary>
    public int? DormancyMonths { get; init; }

    /// <summary>
    /// How many transactions a card remembers for duplicate detection and references by key (also
    /// bounded by <see cref="IdempotencyWindow"/>); the oldest is forgotten first. Copied at issue.
    /// </summary>
    public int RecentMemory { get; init; } = CardMemoryLimits.DefaultMemory;

    /// <summary>
    /// How many sales a card remembers for reversals and refunds (also bounded by
    /// <see cref="RefundWindow"/>); an older sale is refunded from the journal. Copied at issue.
    /// </summary>
    public int SaleMemory { get; init; } = CardMemoryLimits.DefaultMemory;

    /// <summary>Authorizations a card may have open at once; one more is declined 65. Copied at issue.</summary>
    public int MaxOpenHolds { get; init; } = CardMemoryLimits.DefaultMaxOpenHolds;

    /// <summary>The three memory terms together, as a card copies them.</summary>
    public CardMemoryLimits Memory => new(RecentMemory, SaleMemory, MaxOpenHolds);

    /// <summary>Every problem with these terms, each naming its field; empty when the product is usable.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Id.IsNone)
        {
            errors.Add(new FieldError("id", "must not be zero"));
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new FieldError("name", "must not be empty"));
        }
        foreach (var denomination in Denominations)
        {
            if (denomination.Currency != Currency)
            {
                errors.Add(new FieldError("denominations", "must be in the product currency"));
            }
            else if (!denomination.IsPositive)
            {
                errors.Add(new FieldError("denominations", "must be positive"));
            }
            else if (denomination > BalanceCap)
            {
                errors.Add(new FieldError("denominations", "must not exceed the balance cap"));
            }
        }
        CheckPositive(errors, "balanceCap", BalanceCap);
        if (ValidityMonths is { } months && months is < 1 or > 240)
        {
            errors.Add(new FieldError("validityMonths", "must be 1 to 240 months"));
        }
        if (ValidityMonths is null && Identity != CardholderIdentity.RealName)
        {
            errors.Add(new FieldError("validityMonths", "only real-name products may have no expiry"));
        }
        if (PerTransactionLimit is { } perTransaction)
        {
            CheckPositive(errors, "perTransactionLimit", perTransaction);
        }
        if (DailyAmountLimit is { } dailyAmount)
        {
            CheckPositive(errors, "dailyAmountLimit", dailyAmount);
        }
        if (DailyCountLimit is { } count && count < 1)
        {
            errors.Add(new FieldError("dailyCountLimit", "must be at least 1"));
        }
        if (Scope is null)
        {
            errors.Add(new FieldError("scope", "must be set (use Anywhere for no restriction)"));
        }
        if (SpendingOrder is not (SpendingOrder.MainFirst or SpendingOrder.BonusFirst))
        {
            errors.Add(new FieldError("spendingOrder", "must be MainFirst or BonusFirst"));
        }
        if (Identity is not (CardholderIdentity.Anonymous or CardholderIdentity.RealName))
        {
            errors.Add(new FieldError("identity", "must be Anonymous or RealName"));
        }
        CheckDuration(errors, "holdExpiry", HoldExpiry, TimeSpan.FromDays(31));
        CheckDuration(errors, "idempotencyWindow", IdempotencyWindow, TimeSpan.FromDays(7));
        CheckDuration(errors, "refundWindow", RefundWindow, TimeSpan.FromDays(366));
        if (Extension is { } extension)
        {
            if (extension.MonthsAdded is < 1 or > 120)
            {
                errors.Add(new FieldError("extension.monthsAdded", "must be 1 to 120 months"));
            }
            if (extension.Fee.Currency != Currency || extension.Fee.IsNegative)
            {
                errors.Add(new FieldError("extension.fee", "must be zero or positive, in the product currency"));
            }
        }
        if (DormancyMonths is { } dormancy && dormancy is < 1 or > 240)
        {
            errors.Add(new FieldError("dormancyMonths", "must be 1 to 240 months"));
        }
        CheckMemory(errors);
        return errors;
    }

    /// <summary>True when every term equals <paramref name="other"/>'s (a cap set to its default counts as the default).</summary>
    public bool HasSameTermsAs(CardProduct other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id
            && Name == other.Name
            && Currency == other.Currency
            && Denominations.AsSpan().SequenceEqual(other.Denominations.AsSpan())
            && Identity == other.Identity
            && BalanceCap == other.BalanceCap
            && ValidityMonths == other.ValidityMonths
            && PerTransactionLimit == other.PerTransactionLimit
            && DailyAmountLimit == other.DailyAmountLimit
            && DailyCountLimit == other.DailyCountLimit
            && Equals(Scope, other.Scope)
            && SpendingOrder == other.SpendingOrder
            && HoldExpiry == other.HoldExpiry
            && IdempotencyWindow == other.IdempotencyWindow
            && RefundWindow == other.RefundWindow
            && Extension == other.Extension
            && DormancyMonths == other.DormancyMonths
            && Memory == other.Memory;
    }

    private void CheckMemory(List<FieldError> errors)
    {
        if (RecentMemory is < CardMemoryLimits.MinMemory or > CardMemoryLimits.MaxMemory)
        {
            errors.Add(new FieldError("recentMemory", "must be 4 to 256 transactions"));
        }
        if (SaleMemory is < CardMemoryLimits.MinMemory or > CardMemoryLimits.MaxMemory)
        {
            errors.Add(new FieldError("saleMemory", "must be 4 to 256 sales"));
        }
        if (MaxOpenHolds is < CardMemoryLimits.MinOpenHolds or > CardMemoryLimits.MaxOpenHoldsLimit)
        {
            errors.Add(new FieldError("maxOpenHolds", "must be 1 to 1024 holds"));
        }
    }

    private void CheckPositive(List<FieldError> errors, string field, Money amount)
    {
        if (amount.Currency != Currency)
        {
            errors.Add(new FieldError(field, "must be in the product currency"));
        }
        else if (!amount.IsPositive)
        {
            errors.Add(new FieldError(field, "must be positive"));
        }
    }

    private static void CheckDuration(List<FieldError> errors, string field, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add(new FieldError(field, "must be positive and at most " + max.Days + " days"));
        }
    }
}
