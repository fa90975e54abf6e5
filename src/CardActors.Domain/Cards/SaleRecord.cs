using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// A completed sale still inside the refund window: what each purse paid and how much of it has
/// gone back. <see cref="Id"/> is the purchase or the authorization; <see cref="CaptureId"/> the
/// completion that captured it (equal to Id for a purchase).
/// </summary>
public readonly record struct SaleRecord(
    TransactionId Id,
    TransactionId CaptureId,
    long Main,
    long Bonus,
    long RefundedMain,
    long RefundedBonus,
    TransactionId BonusLot,
    long AtTicks,
    MerchantId Merchant) : IRingEntry<SaleRecord>
{
    /// <summary>The sale's id first, its completion's second.</summary>
    static uint IRingEntry<SaleRecord>.Fingerprints(in SaleRecord entry) =>
        Fingerprint.Pair(Fingerprint.Of(entry.Id), Fingerprint.Of(entry.CaptureId));

    public long Total => Main + Bonus;

    public long Refundable => Main - RefundedMain + Bonus - RefundedBonus;

    public bool Matches(TransactionId id) => Id == id || CaptureId == id;
}
