using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// A completed sale as the card's journal records it, supplied by the host with a
/// <see cref="Refund"/> when the card no longer holds the sale in memory (see
/// <see cref="OriginalSaleFinder"/>). <see cref="Id"/> is the purchase or the authorization,
/// <see cref="CaptureId"/> the completion (equal to Id for a purchase); <see cref="ReturnedMain"/>
/// and <see cref="ReturnedBonus"/> are what the journal showed already given back (refunds and
/// reversals) when it was read. The card takes, per purse, the larger of that and its own count.
/// </summary>
public sealed record OriginalSale(
    TransactionId Id,
    TransactionId CaptureId,
    long Main,
    long Bonus,
    TransactionId BonusLot,
    MerchantId Merchant,
    DateTimeOffset At,
    long ReturnedMain,
    long ReturnedBonus)
{
    public long Total => Main + Bonus;

    public bool Matches(TransactionId id) => !id.IsNone && (Id == id || CaptureId == id);

    /// <summary>Amounts that a journal could have written: none negative, nothing returned beyond what was paid.</summary>
    public bool IsConsistent =>
        !Id.IsNone && Main >= 0 && Bonus >= 0 && Total > 0
        && ReturnedMain >= 0 && ReturnedMain <= Main && ReturnedBonus >= 0 && ReturnedBonus <= Bonus;
}
