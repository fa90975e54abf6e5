using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Cards;

/// <summary>
/// Moves a replaced card's balance to its new card. The plan comes from the old card's durable
/// state alone, the new card credits a transfer id once, and the old card is told when that is done,
/// so a move interrupted anywhere (crash, restart, timeout) is resumed from the old card's deadline
/// and completes exactly once.
/// </summary>
public sealed class ReplacementCoordinator(
    ShardRegion<CardNumber, CardState, CardCommand, CardEvent, CardReply> cards,
    ILogger log)
{
    public async Task<ReplacementOutcome> CompleteAsync(CardNumber oldCard)
    {
        var step = await cards.InspectAsync(oldCard, CardReplacementProcess.Plan);
        if (step.Delivery is not { } delivery)
        {
            return ReplacementOutcome.Completed;
        }

        var received = await cards.Ask(delivery.Card, delivery);
        if (CardReplacementProcess.ConfirmationAfter(step, received) is not { } confirmation)
        {
            if (CardReplacementProcess.IsRefusedForGood(received))
            {
                NodeLog.ReplacementRefused(log, delivery.TransferId.ToString(), oldCard.ToString(), received.Code.ToText());
                return ReplacementOutcome.Refused;
            }

            NodeLog.ReplacementPending(log, delivery.TransferId.ToString(), oldCard.ToString(), received.Code.ToText());
            return ReplacementOutcome.Pending;
        }

        var confirmed = await cards.Ask(oldCard, confirmation);
        return confirmed.IsApproved ? ReplacementOutcome.Completed : ReplacementOutcome.Pending;
    }

    /// <summary>Resumes an interrupted move in the background; called from the old card's wake-up.</summary>
    public void Resume(CardNumber oldCard) => _ = Task.Run(async () =>
    {
        try
        {
            await CompleteAsync(oldCard);
        }
        catch (Exception exception)
        {
            NodeLog.ReplacementFailed(log, exception, oldCard.ToString());
        }
    });
}

public enum ReplacementOutcome
{
    /// <summary>The new card holds the balance and the old card knows it.</summary>
    Completed,

    /// <summary>Not finished yet (a retryable refusal or unavailability); it resumes by itself.</summary>
    Pending,

    /// <summary>The new card refuses the balance for good; an operator must resolve it.</summary>
    Refused,
}
