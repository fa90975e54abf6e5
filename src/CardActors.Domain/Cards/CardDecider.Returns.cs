using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

public static partial class CardDecider
{
    /// <summary>
    /// Reversals undo what is still open: a hold is released, a completed sale gives back what was
    /// not yet refunded, a credit (top-up, refund) is taken back. An original that was declined or
    /// already undone needs nothing; an original never seen is remembered so that it is declined if
    /// it arrives late. Reversals are advices in effect: apart from malformed requests, they are
    /// approved — except for a sale or credit the card still knows it approved but no longer holds
    /// in memory (12), and a credit whose money has since been spent (51): the acquirer's advice is
    /// then left to reconciliation.
    /// </summary>
    private static CardDecision DecideReverse(CardState state, Reverse command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        if (command.OriginalId.IsNone && command.OriginalKey.IsNone)
        {
            return Decline(state, command, OperationKind.Reverse, ResponseCode.InvalidTransaction, DeclineReason.OriginalMissing, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (state.UsesTransactionId(command.TransactionId))
        {
            return Decline(state, command, OperationKind.Reverse, ResponseCode.DuplicateTransmission, DeclineReason.TransactionIdReused, context);
        }
        var now = context.Now;
        var originalId = ResolveOriginal(state, command.OriginalId, command.OriginalKey, now);
        if (originalId.IsNone)
        {
            return RecordReversal(state, command, awaitingOriginal: true, context);
        }
        var holdIndex = state.FindHold(originalId);
        if (holdIndex >= 0)
        {
            var hold = state.Holds[holdIndex];
            var lotIndex = state.FindLot(hold.BonusLot);
            var returned = lotIndex >= 0 ? hold.Bonus : 0;
            var forfeited = hold.Bonus - returned;
            var released = new HoldReleased(now, command.TransactionId, command.Key, hold.Id, hold.Main, returned, forfeited);
            var reply = new CardReply(
                ResponseCode.Approved, command.TransactionId, hold.Total, 0, 0,
                state.MainBalance, state.BonusBalance - forfeited,
                state.AvailableAt(now) + hold.Main + AvailableIfReturned(state, lotIndex, returned, now), DeclineReason.None);
            return CardDecision.Persist(released, reply);
        }
        var saleIndex = state.FindSaleInWindow(originalId, now);
        if (saleIndex >= 0 && state.Sales[saleIndex].Refundable > 0)
        {
            if (state.Status == CardStatus.Closed)
            {
                return Decline(state, command, OperationKind.Reverse, ResponseCode.RestrictedCard, DeclineReason.CardClosed, context);
            }
            var sale = state.Sales[saleIndex];
            var main = sale.Main - sale.RefundedMain;
            var bonus = sale.Bonus - sale.RefundedBonus;
            return ReturnToCard(state, command, sale, main, bonus, reversal: true, default, context);
        }
        var creditIndex = state.FindCreditInWindow(originalId, now);
        if (creditIndex >= 0)
        {
            return DecideCreditReversal(state, command, state.Credits[creditIndex], context);
        }
        var recentIndex = state.FindRecentById(originalId);
        if (recentIndex >= 0)
        {
            var original = state.RecentTransactions[recentIndex];
            if (original.Code == ResponseCode.Approved && original.Kind is OperationKind.Capture or OperationKind.Purchase
                && state.FindSale(originalId) < 0 && original.AtTicks + state.RefundWindow.Ticks > now.UtcTicks)
            {
                return Decline(state, command, OperationKind.Reverse, ResponseCode.InvalidTransaction, DeclineReason.SaleNotInMemory, context);
            }
            if (original.Code == ResponseCode.Approved && original.Kind is OperationKind.TopUp or OperationKind.Refund)
            {
                // Remembered as a transaction but not as a credit (a snapshot older than credit
                // memory): nothing can be taken back. Past the window it is forgotten altogether.
                return original.AtTicks > now.UtcTicks - state.IdempotencyWindow.Ticks
                    ? Decline(state, command, OperationKind.Reverse, ResponseCode.InvalidTransaction, DeclineReason.CreditNotInMemory, context)
                    : RecordReversal(state, command, awaitingOriginal: true, context);
            }
            var undoable = original.Code != ResponseCode.Approved
                || original.Kind is OperationKind.Authorize or OperationKind.Capture or OperationKind.Purchase or OperationKind.Reverse;
            return undoable
                ? RecordReversal(state, command, awaitingOriginal: false, context)
                : Decline(state, command, OperationKind.Reverse, ResponseCode.InvalidTransaction, DeclineReason.NotReversible, context);
        }
        return saleIndex >= 0
            ? RecordReversal(state, command, awaitingOriginal: false, context)
            : RecordReversal(state, command, awaitingOriginal: true, context);
    }

    private static CardDecision RecordReversal(CardState state, Reverse command, bool awaitingOriginal, in CardContext context)
    {
        var recorded = new ReversalRecorded(context.Now, command.TransactionId, command.Key, command.OriginalId, command.OriginalKey, awaitingOriginal);
        var reply = new CardReply(ResponseCode.Approved, command.TransactionId, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), DeclineReason.None);
        return CardDecision.Persist(recorded, reply);
    }

    private static CardDecision DecideRefund(CardState state, Refund command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early) || TryRefuseAtClosedMerchant(state, command, command.Merchant, context, out early))
        {
            return early;
        }
        var amountProblem = CheckAmount(command.Amount, context);
        if (amountProblem != DeclineReason.None)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidAmount, amountProblem, context);
        }
        if (command.OriginalId.IsNone && command.OriginalKey.IsNone)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.OriginalMissing, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectReplayedIdentity(state, command, OperationKind.Refund, context, out var replayed))
        {
            return replayed;
        }
        if (state.Status == CardStatus.Closed)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.RestrictedCard, DeclineReason.CardClosed, context);
        }
        var now = context.Now;
        var originalId = ResolveOriginal(state, command.OriginalId, command.OriginalKey, now);
        var saleIndex = originalId.IsNone ? -1 : state.FindSale(originalId);
        if (saleIndex < 0 && !originalId.IsNone)
        {
            return DecideRefundOfOlderSale(state, command, originalId, context);
        }
        if (saleIndex < 0 || state.FindSaleInWindow(originalId, now) < 0)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.SaleNotFound, context);
        }
        var sale = state.Sales[saleIndex];
        if (sale.Merchant != command.Merchant.Merchant)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.MerchantMismatch, context);
        }
        var amount = command.Amount.MinorUnits;
        if (amount > sale.Refundable)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidAmount, DeclineReason.RefundExceedsSale, context);
        }
        // Customer money goes back first; bonus money only for what the main purse did not pay.
        var main = Math.Min(amount, sale.Main - sale.RefundedMain);
        return ReturnToCard(state, command, sale, main, amount - main, reversal: false, command.Merchant.Terminal, context);
    }

    private static CardDecision ReturnToCard(
        CardState state, CardMoneyCommand command, in SaleRecord sale, long main, long bonus, bool reversal, TerminalId terminal, in CardContext context, OlderSaleRefund? older = null)
    {
        var now = context.Now;
        var lotIndex = state.FindLot(sale.BonusLot);
        var returned = lotIndex >= 0 ? bonus : 0;
        var forfeited = bonus - returned;
        if (WouldOverflow(state, main + returned))
        {
            var kind = reversal ? OperationKind.Reverse : OperationKind.Refund;
            return Decline(state, command, kind, ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow, context);
        }
        var businessDate = context.Calendar.DateOf(now);
        CardEvent @event = reversal
            ? new SaleReversed(now, command.TransactionId, command.Key, sale.Id, main, returned, forfeited, sale.Merchant, businessDate)
            : new Refunded(now, command.TransactionId, command.Key, sale.Id, main, returned, forfeited, sale.Merchant, terminal, businessDate, older);
        var total = main + bonus;
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, total, 0, reversal ? 0 : total,
            state.MainBalance + main, state.BonusBalance + returned,
            state.AvailableAt(now) + main + AvailableIfReturned(state, lotIndex, returned, now), DeclineReason.None);
        return CardDecision.Persist(@event, reply);
    }

    /// <summary>The original's transaction id: as given, or looked up by its key within the idempotency window.</summary>
    private static TransactionId ResolveOriginal(CardState state, TransactionId originalId, IdempotencyKey originalKey, DateTimeOffset now)
    {
        if (!originalId.IsNone)
        {
            return originalId;
        }
        var index = state.FindRecentByKey(originalKey, now);
        return index >= 0 ? state.RecentTransactions[index].Id : default;
    }

    /// <summary>Releases holds past their expiry and forfeits bonus lots past theirs.</summary>
    private static CardDecision DecideExpiry(CardState state, in CardContext context)
    {
        if (!state.Exists)
        {
            return NotIssued();
        }
        var now = context.Now;
        var nowTicks = now.UtcTicks;
        List<CardEvent>? events = null;
        long mainAfter = state.MainBalance, bonusAfter = state.BonusBalance, availableAfter = state.AvailableAt(now);
        foreach (var hold in state.Holds)
        {
            if (hold.ExpiresAtTicks > nowTicks)
            {
                continue;
            }
            var lotIndex = state.FindLot(hold.BonusLot);
            var returned = lotIndex >= 0 ? hold.Bonus : 0;
            (events ??= []).Add(new HoldExpired(now, hold.Id, hold.Main, returned, hold.Bonus - returned));
            bonusAfter -= hold.Bonus - returned;
            availableAfter += hold.Main + AvailableIfReturned(state, lotIndex, returned, now);
        }
        foreach (var lot in state.BonusLots)
        {
            if (lot.ExpiresAtTicks > nowTicks)
            {
                continue;
            }
            // Bonus coming back from holds expiring in this same decision expires with its lot.
            var amount = lot.Amount;
            foreach (var hold in state.Holds)
            {
                if (hold.ExpiresAtTicks <= nowTicks && hold.BonusLot == lot.Id)
                {
                    amount += hold.Bonus;
                }
            }
            (events ??= []).Add(new BonusExpired(now, lot.Id, amount));
            bonusAfter -= amount;
        }
        var reply = new CardReply(ResponseCode.Approved, default, 0, 0, 0, mainAfter, bonusAfter, availableAfter, DeclineReason.None);
        return events is null ? CardDecision.ReplyOnly(reply) : CardDecision.Persist(events.ToArray(), reply);
    }
}
