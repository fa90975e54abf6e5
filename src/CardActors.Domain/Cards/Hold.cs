using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// Money reserved by an authorization, keyed by the authorizing transaction. The bonus part was
/// taken out of lot <see cref="BonusLot"/> and goes back to it if released.
/// </summary>
public readonly record struct Hold(TransactionId Id, long Main, long Bonus, TransactionId BonusLot, long ExpiresAtTicks, MerchantId Merchant)
{
    public long Total => Main + Bonus;

    public DateTimeOffset ExpiresAt => new(ExpiresAtTicks, TimeSpan.Zero);
}
