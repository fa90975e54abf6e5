namespace CardActors.Domain.Cards;

/// <summary>
/// The replacement of a card spans two entities, so it is driven from the old card's durable
/// state alone: while the old card has a <see cref="PendingTransfer"/>, the move is delivered to
/// the new card (which credits a transfer id once, however often it arrives) and, once the new
/// card approves, confirmed back to the old card. A host that crashed anywhere calls
/// <see cref="Plan"/> again after recovery (the old card's <see cref="CardState.NextDeadline"/> is
/// due while the transfer is pending) and the move completes exactly once.
/// </summary>
public static class CardReplacementProcess
{
    /// <summary>What the host must send now for the old card <paramref name="oldCard"/>.</summary>
    public static ReplacementStep Plan(CardState oldCard)
    {
        ArgumentNullException.ThrowIfNull(oldCard);
        if (oldCard.PendingTransfer is not { } pending)
        {
            return default;
        }
        var delivery = new ReceiveTransfer(
            pending.TransferId,
            pending.NewCard,
            oldCard.CardNumber,
            oldCard.Product,
            oldCard.Holder,
            oldCard.ExpiresAt,
            pending.Main,
            pending.Lots);
        return new ReplacementStep(delivery);
    }

    /// <summary>
    /// The command for the old card once the new card answered <paramref name="newCardReply"/> to
    /// the step's delivery; null when the delivery must be retried later (or needs an operator, if
    /// the new card refuses it for good, which <see cref="IsRefusedForGood"/> tells).
    /// </summary>
    public static ConfirmTransferOut? ConfirmationAfter(in ReplacementStep step, in CardReply newCardReply) =>
        step.Delivery is { } delivery && newCardReply.IsApproved ? new ConfirmTransferOut(delivery.TransferId) : null;

    /// <summary>True when the new card's answer will not change by retrying (for example it is closed).</summary>
    public static bool IsRefusedForGood(in CardReply newCardReply) =>
        !newCardReply.IsApproved && newCardReply.Code != Codes.ResponseCode.IssuerUnavailable && newCardReply.Code != Codes.ResponseCode.SystemMalfunction;
}

/// <summary>One step of <see cref="CardReplacementProcess"/>: deliver the balance to the new card, or nothing to do.</summary>
public readonly record struct ReplacementStep(ReceiveTransfer? Delivery)
{
    public bool IsComplete => Delivery is null;
}
