using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Issuance;

/// <summary>
/// One card issue request, named by the client's idempotency key: the card number it was given,
/// once. A retried request — after a lost answer, a restart, or on another node — finds the same
/// number here and so reaches the card it issued before instead of issuing a second one. Changed
/// only by <see cref="Apply"/>; holds one number whatever happens, so its memory is bounded.
/// </summary>
public sealed class IssueRequestState
{
    public CardNumber Card { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public bool IsAssigned => !Card.IsEmpty;

    public void Apply(CardNumberAssigned assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        if (IsAssigned || assigned.Card.IsEmpty)
        {
            throw new InvalidOperationException("issue request invariant violated: a card number is assigned once, and is not empty");
        }
        Card = assigned.Card;
        AssignedAt = assigned.At.ToUniversalTime();
    }

    /// <summary>Restores a snapshot; used by the codec only.</summary>
    internal void Restore(CardNumber card, DateTimeOffset at)
    {
        Card = card;
        AssignedAt = at;
    }
}
