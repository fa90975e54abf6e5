using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// What has gone back from a sale the card no longer holds in memory: kept only for sales that had
/// a refund or a reversal, until the sale leaves the refund window, so that refunds decided from
/// the journal never return more than the sale, even back to back.
/// </summary>
public readonly record struct OlderSaleReturns(TransactionId SaleId, TransactionId CaptureId, long ReturnedMain, long ReturnedBonus, long SaleAtTicks) : IRingEntry<OlderSaleReturns>
{
    /// <summary>The sale's id first, its completion's second.</summary>
    static uint IRingEntry<OlderSaleReturns>.Fingerprints(in OlderSaleReturns entry) =>
        Fingerprint.Pair(Fingerprint.Of(entry.SaleId), Fingerprint.Of(entry.CaptureId));

    public bool Matches(TransactionId id) => !id.IsNone && (SaleId == id || CaptureId == id);
}
