using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Node.Hosting;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Cards;

/// <summary>
/// Sends a refund to its card. When the card answers that the sale is no longer in its memory
/// (<see cref="DeclineReason.SaleNotInMemory"/>, nothing persisted), the sale is looked up in the
/// card's journal and the same refund — same id, same key — is sent once more with it; the card
/// then decides it as for a sale in memory. A sale the journal does not have is answered 12
/// <see cref="DeclineReason.SaleNotFound"/>; a journal that cannot be read, 91 (retry).
/// </summary>
public sealed class RefundSender(IShardRegion<CardNumber, CardCommand, CardReply> cards, SaleLookup sales)
{
    /// <summary>A sender over the node's card region and store.</summary>
    public static RefundSender For(CardActorsNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new RefundSender(node.Cards, new SaleLookup(node.Store, node.Cards.Type.Identity));
    }

    public ValueTask<CardReply> SendAsync(CardNumber card, Refund refund, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var asked = cards.Ask(card, refund, timeout);
        if (!asked.IsCompletedSuccessfully)
        {
            return AwaitReplyAsync(asked, card, refund, timeout, cancellationToken);
        }

        var reply = asked.Result;
        return NeedsJournal(reply, refund) ? ThroughJournalAsync(reply, card, refund, timeout, cancellationToken) : new ValueTask<CardReply>(reply);
    }

    private async ValueTask<CardReply> AwaitReplyAsync(ValueTask<CardReply> asked, CardNumber card, Refund refund, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var reply = await asked;
        return NeedsJournal(reply, refund) ? await ThroughJournalAsync(reply, card, refund, timeout, cancellationToken) : reply;
    }

    private async ValueTask<CardReply> ThroughJournalAsync(CardReply reply, CardNumber card, Refund refund, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        OriginalSale? sale;
        try
        {
            sale = await sales.FindAsync(card, refund.OriginalId, cancellationToken);
        }
        catch (JournalUnavailableException)
        {
            return reply with { Code = ResponseCode.IssuerUnavailable, Reason = DeclineReason.None };
        }

        return sale is null
            ? reply with { Reason = DeclineReason.SaleNotFound }
            : await cards.Ask(card, refund with { Sale = sale }, timeout);
    }

    private static bool NeedsJournal(in CardReply reply, Refund refund) =>
        reply.Reason == DeclineReason.SaleNotInMemory && refund.Sale is null;
}
