namespace CardActors.Domain.Cards;

/// <summary>
/// A card's life cycle. <see cref="Expired"/> is never stored: it is what an active or frozen card
/// whose expiry has passed looks like at a given instant (see <see cref="CardState.StatusAt"/>).
/// </summary>
public enum CardStatus : byte
{
    /// <summary>The card number was never issued.</summary>
    None = 0,
    Issued = 1,
    Active = 2,
    Frozen = 3,
    Lost = 4,
    Expired = 5,
    Closed = 6,
}
