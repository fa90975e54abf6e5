using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>A reversal that arrived before its original: the original, if it ever arrives, is declined.</summary>
public readonly record struct AwaitedOriginal(TransactionId OriginalId, IdempotencyKey OriginalKey, long AtTicks) : IRingEntry<AwaitedOriginal>
{
    /// <summary>The original's id first, its key second.</summary>
    static uint IRingEntry<AwaitedOriginal>.Fingerprints(in AwaitedOriginal entry) =>
        Fingerprint.Pair(Fingerprint.Of(entry.OriginalId), Fingerprint.Of(entry.OriginalKey));
}
