using System.Globalization;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Node.Api.Contracts;

namespace CardActors.Node.Api;

/// <summary>Domain values to API documents. The API is the issuer's own: it shows full card numbers.</summary>
internal static class CardDocuments
{
    public static TransactionResponse Transaction(CardNumber card, in CardReply reply) => new(
        card.ToDigitString(),
        reply.TransactionId.IsNone ? null : reply.TransactionId.ToString(),
        reply.Code.ToText(),
        reply.IsApproved && !reply.TransactionId.IsNone ? reply.ApprovalCode.ToString() : null,
        reply.ApprovedAmount,
        reply.CapturedAmount,
        reply.RefundedAmount,
        new BalancesDocument(reply.MainBalance, reply.BonusBalance, reply.Available),
        reply.Repeated);

    public static CardView View(CardState state, DateTimeOffset now)
    {
        var holds = new HoldView[state.Holds.Length];
        for (var i = 0; i < holds.Length; i++)
        {
            var h = state.Holds[i];
            holds[i] = new HoldView(h.Id.ToString(), h.Main, h.Bonus, Time(h.ExpiresAt), h.Merchant.ToString());
        }

        var lots = new BonusLotView[state.BonusLots.Length];
        for (var i = 0; i < lots.Length; i++)
        {
            var l = state.BonusLots[i];
            lots[i] = new BonusLotView(l.Id.ToString(), l.Amount, Time(l.ExpiresAt));
        }

        var usage = state.DailyUsage;
        var pending = state.PendingTransfer is { } p
            ? new PendingTransferView(p.TransferId.ToString(), p.NewCard.ToDigitString(), p.Main, p.Lots.Sum(l => l.Amount), Time(p.At))
            : null;
        return new CardView(
            state.CardNumber.ToDigitString(),
            state.Product.Value,
            state.StatusAt(now).ToString(),
            state.ExpiresAt is { } expires ? Time(expires) : null,
            Time(state.IssuedAt),
            state.ActivatedAt is { } activated ? Time(activated) : null,
            Time(state.LastUsedAt),
            new BalancesDocument(state.MainBalance, state.BonusBalance, state.AvailableAt(now)),
            holds,
            lots,
            usage.Count == 0 ? null : new DailyUsageView(usage.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), usage.Amount, usage.Count),
            pending);
    }

    public static HistoryEntry History(long sequenceNr, CardEvent @event)
    {
        var (transaction, amount) = @event switch
        {
            CardIssued e => (e.TransactionId, (long?)e.InitialLoad),
            ToppedUp e => (e.TransactionId, e.Amount),
            BonusGranted e => (e.TransactionId, e.Amount),
            Authorized e => (e.TransactionId, e.Main + e.Bonus),
            HoldCaptured e => (e.TransactionId, e.Main + e.Bonus),
            Purchased e => (e.TransactionId, e.Main + e.Bonus),
            HoldReleased e => (e.TransactionId, e.Main + e.ReturnedBonus + e.ForfeitedBonus),
            HoldExpired e => (e.HoldId, e.Main + e.ReturnedBonus + e.ForfeitedBonus),
            SaleReversed e => (e.TransactionId, e.Main + e.ReturnedBonus),
            Refunded e => (e.TransactionId, e.Main + e.ReturnedBonus),
            BonusExpired e => (e.LotId, e.Amount),
            BalanceTransferredOut e => (e.TransactionId, e.Main + e.Lots.Sum(l => l.Amount)),
            TransferReceived e => (e.TransferId, e.Main + e.Lots.Sum(l => l.Amount)),
            CardTransactionEvent e => (e.TransactionId, (long?)null),
            _ => (TransactionId.None, (long?)null),
        };
        var declined = @event as Declined;
        return new HistoryEntry(
            sequenceNr,
            Time(@event.At),
            @event.GetType().Name,
            transaction.IsNone ? null : transaction.ToString(),
            amount,
            declined?.Code.ToText(),
            declined?.Reason.Text());
    }

    /// <summary>UTC, millisecond precision, 'Z' suffix: 2026-11-22T09:54:05.994Z.</summary>
    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
