using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// A credit the card may still have to take back if the acquirer reverses it: a top-up
/// (<see cref="SaleId"/> none) or a refund of sale <see cref="SaleId"/>. <see cref="Main"/> went to
/// the main purse and <see cref="Bonus"/> back to lot <see cref="BonusLot"/> (a refund's bonus that
/// was forfeited because its lot was gone is not counted: nothing of it reached the card).
/// <see cref="Merchant"/> is the refunding merchant (none for a top-up). Kept as long as
/// transactions are remembered; <see cref="Reversed"/> once taken back, so it is never taken twice.
/// </summary>
public readonly record struct CreditRecord(
    TransactionId Id,
    TransactionId SaleId,
    long Main,
    long Bonus,
    TransactionId BonusLot,
    long AtTicks,
    MerchantId Merchant,
    bool Reversed) : IRingEntry<CreditRecord>
{
    /// <summary>The credit's id first, its sale's second.</summary>
    static uint IRingEntry<CreditRecord>.Fingerprints(in CreditRecord entry) =>
        Fingerprint.Pair(Fingerprint.Of(entry.Id), Fingerprint.Of(entry.SaleId));

    public long Total => Main + Bonus;

    public bool IsRefund => !SaleId.IsNone;
}
