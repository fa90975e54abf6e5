using CardActors.Domain.Codes;

namespace CardActors.Domain.Cards;

public static partial class CardDecider
{
    /// <summary>
    /// A reversal of a top-up or a refund takes its credit back: the main part from the main purse,
    /// a refund's bonus part from the lot it went back to (nothing when that lot is gone: its bonus
    /// was forfeited with it). Declined 51 when the card no longer has that money available (spent
    /// or held since), and 62 on a closed card. A credit already taken back needs nothing more: the
    /// reversal is approved and moves nothing, so a credit is never taken twice.
    /// </summary>
    private static CardDecision DecideCreditReversal(CardState state, Reverse command, in CreditRecord credit, in CardContext context)
    {
        if (credit.Reversed)
        {
            return RecordReversal(state, command, awaitingOriginal: false, context);
        }
        if (state.Status == CardStatus.Closed)
        {
            return Decline(state, command, OperationKind.Reverse, ResponseCode.RestrictedCard, DeclineReason.CardClosed, context);
        }
        var now = context.Now;
        var lotIndex = state.FindLot(credit.BonusLot);
        var bonus = lotIndex >= 0 ? credit.Bonus : 0;
        if (credit.Main > state.MainAvailable || (bonus > 0 && bonus > state.BonusLots[lotIndex].Amount))
        {
            return Decline(state, command, OperationKind.Reverse, ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds, context);
        }
        var reversed = new CreditReversed(
            now, command.TransactionId, command.Key, credit.Id, credit.SaleId, credit.Main, bonus, credit.Merchant, context.Calendar.DateOf(now));
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, credit.Main + bonus, 0, 0,
            state.MainBalance - credit.Main, state.BonusBalance - bonus,
            state.AvailableAt(now) - credit.Main - AvailableIfReturned(state, lotIndex, bonus, now), DeclineReason.None);
        return CardDecision.Persist(reversed, reply);
    }
}
