namespace CardActors.Domain.Cards;

/// <summary>
/// An entry of a card's memory that is looked up by one or two identities (a transaction id, an
/// idempotency key). Its <see cref="Fingerprints"/> pack a 16-bit fingerprint of each: the primary
/// identity in the high half, the secondary in the low half (see <see cref="Fingerprint"/>).
/// </summary>
internal interface IRingEntry<TSelf>
    where TSelf : struct, IRingEntry<TSelf>
{
    static abstract uint Fingerprints(in TSelf entry);
}
