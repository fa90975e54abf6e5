using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// Carried by a <see cref="Refunded"/> of a sale outside the card's memory: the sale's completion,
/// bonus lot and instant from the journal fact, and what had gone back from it before this refund
/// (per purse, the larger of the card's and the journal's count). Apply records the sum in
/// <see cref="CardState.ReturnsOfOlderSales"/>.
/// </summary>
public readonly record struct OlderSaleRefund(
    TransactionId CaptureId,
    TransactionId BonusLot,
    DateTimeOffset SaleAt,
    long ReturnedMainBefore,
    long ReturnedBonusBefore);
