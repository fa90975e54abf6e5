using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// The first outcome of a keyed transaction, kept for the idempotency window so that a repeat of
/// the key gets the same reply and so that later messages can refer to it by key. Kept small:
/// a live card holds a handful of these.
/// </summary>
public readonly record struct RecentTransaction(
    IdempotencyKey Key,
    TransactionId Id,
    long AtTicks,
    long Amount,
    long MainAfter,
    long BonusAfter,
    long AvailableAfter,
    OperationKind Kind,
    ResponseCode Code,
    DeclineReason Reason) : IRingEntry<RecentTransaction>
{
    /// <summary>Key first, transaction id second.</summary>
    static uint IRingEntry<RecentTransaction>.Fingerprints(in RecentTransaction entry) =>
        Fingerprint.Pair(Fingerprint.Of(entry.Key), Fingerprint.Of(entry.Id));
}
