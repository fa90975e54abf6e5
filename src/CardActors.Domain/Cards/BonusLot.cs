using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>
/// Promotional money from one grant: identified by the granting transaction, with its own expiry
/// and optionally a narrower scope than the card's (null = wherever the card may be used).
/// </summary>
public readonly record struct BonusLot(TransactionId Id, long Amount, long ExpiresAtTicks, UsageScope? Scope)
{
    public BonusLot(TransactionId id, long amount, DateTimeOffset expiresAt, UsageScope? scope)
        : this(id, amount, expiresAt.UtcTicks, scope)
    {
    }

    public DateTimeOffset ExpiresAt => new(ExpiresAtTicks, TimeSpan.Zero);

    public bool IsExpiredAt(DateTimeOffset now) => now.UtcTicks >= ExpiresAtTicks;
}
