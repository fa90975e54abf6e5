using System.Collections.Immutable;
using CardActors.Domain.Codes;

namespace CardActors.Domain.Cards;

/// <summary>Extension, close (redeem) and the two sides of a replacement.</summary>
public static partial class CardDecider
{
    private static CardDecision DecideExtend(CardState state, Extend command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (state.UsesTransactionId(command.TransactionId))
        {
            return Decline(state, command, OperationKind.Extend, ResponseCode.DuplicateTransmission, DeclineReason.TransactionIdReused, context);
        }
        var (code, reason) = state.Status switch
        {
            CardStatus.Closed => (ResponseCode.RestrictedCard, DeclineReason.CardClosed),
            CardStatus.Lost => (ResponseCode.LostCard, DeclineReason.CardLost),
            _ when context.Product.Extension is null => (ResponseCode.InvalidTransaction, DeclineReason.NotExtendable),
            _ when state.ExpiresAt is null => (ResponseCode.InvalidTransaction, DeclineReason.NoExpiry),
            _ when context.Product.Extension.Fee.MinorUnits > state.MainAvailable => (ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds),
            _ => (ResponseCode.Approved, DeclineReason.None),
        };
        if (code != ResponseCode.Approved)
        {
            return Decline(state, command, OperationKind.Extend, code, reason, context);
        }
        var policy = context.Product.Extension!;
        var from = state.ExpiresAt!.Value > context.Now ? state.ExpiresAt.Value : context.Now;
        var fee = policy.Fee.MinorUnits;
        var extended = new CardExtended(context.Now, command.TransactionId, command.Key, from.AddMonths(policy.MonthsAdded), fee);
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, fee, 0, 0,
            state.MainBalance - fee, state.BonusBalance, state.AvailableAt(context.Now) - fee, DeclineReason.None);
        return CardDecision.Persist(extended, reply);
    }

    private static CardDecision DecideClose(CardState state, Close command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectClosingOrMoving(state, command, OperationKind.Close, context, out var rejected))
        {
            return rejected;
        }
        var closed = new CardClosed(context.Now, command.TransactionId, command.Key, state.MainBalance, state.BonusInLots);
        var reply = new CardReply(ResponseCode.Approved, command.TransactionId, state.MainBalance, 0, 0, 0, 0, 0, DeclineReason.None);
        return CardDecision.Persist(closed, reply);
    }

    private static CardDecision DecideReplace(CardState state, Replace command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        if (command.NewCard.IsEmpty || (state.Exists && command.NewCard == state.CardNumber))
        {
            return Decline(state, command, OperationKind.Replace, ResponseCode.InvalidCardNumber, DeclineReason.NewCardInvalid, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectClosingOrMoving(state, command, OperationKind.Replace, context, out var rejected))
        {
            return rejected;
        }
        var lots = ImmutableArray.CreateBuilder<BonusLot>(state.BonusLots.Length);
        foreach (var lot in state.BonusLots)
        {
            if (lot.Amount > 0)
            {
                lots.Add(lot);
            }
        }
        var moved = new BalanceTransferredOut(context.Now, command.TransactionId, command.Key, command.NewCard, state.MainBalance, lots.ToImmutable());
        var reply = new CardReply(ResponseCode.Approved, command.TransactionId, state.MainBalance + state.BonusInLots, 0, 0, 0, 0, 0, DeclineReason.None);
        return CardDecision.Persist(moved, reply);
    }

    /// <summary>Close and replace take the whole balance, so the card must be open, without holds or a transfer in flight.</summary>
    private static bool TryRejectClosingOrMoving(CardState state, CardMoneyCommand command, OperationKind kind, in CardContext context, out CardDecision rejected)
    {
        var (code, reason) = state switch
        {
            _ when state.UsesTransactionId(command.TransactionId) => (ResponseCode.DuplicateTransmission, DeclineReason.TransactionIdReused),
            { Status: CardStatus.Closed } => (ResponseCode.RestrictedCard, DeclineReason.CardClosed),
            { PendingTransfer: not null } => (ResponseCode.InvalidTransaction, DeclineReason.TransferPending),
            _ when state.Holds.Length > 0 => (ResponseCode.DoNotHonor, DeclineReason.HoldsOutstanding),
            _ => (ResponseCode.Approved, DeclineReason.None),
        };
        rejected = code == ResponseCode.Approved ? default : Decline(state, command, kind, code, reason, context);
        return code != ResponseCode.Approved;
    }

    private static CardDecision DecideReceiveTransfer(CardState state, ReceiveTransfer command, in CardContext context)
    {
        if (command.TransferId.IsNone)
        {
            return CardDecision.ReplyOnly(CardReply.Reject(ResponseCode.InvalidTransaction, DeclineReason.TransferIdMissing, default));
        }
        if (command.Main < 0 || HasNegativeLot(command.Lots))
        {
            return CardDecision.ReplyOnly(CardReply.Reject(ResponseCode.InvalidAmount, DeclineReason.AmountNotPositive, command.TransferId));
        }
        if (state.Exists && state.HasReceivedTransfer(command.TransferId))
        {
            return Balances(state, context);
        }
        if (!state.Exists && (command.Card.IsEmpty || command.Product != context.Product.Id))
        {
            var reason = command.Card.IsEmpty ? DeclineReason.CardNumberMissing : DeclineReason.ProductMismatch;
            return CardDecision.ReplyOnly(CardReply.Reject(ResponseCode.InvalidTransaction, reason, command.TransferId));
        }
        if (state.Status == CardStatus.Closed)
        {
            return Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardClosed);
        }
        if (state.ReceivedTransfers.Length >= CardState.MaxReceivedTransfers)
        {
            return Balances(state, context, ResponseCode.ExceedsFrequencyLimit, DeclineReason.TooManyTransfers);
        }
        var lots = command.Lots.IsDefault ? [] : command.Lots;
        long bonus = 0, bonusAvailable = 0;
        foreach (var lot in lots)
        {
            if (lot.Amount > long.MaxValue - bonus)
            {
                return Balances(state, context, ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow);
            }
            bonus += lot.Amount;
            bonusAvailable += lot.IsExpiredAt(context.Now) ? 0 : lot.Amount;
        }
        var main = command.Main;
        if (main > long.MaxValue - bonus || WouldOverflow(state, main + bonus))
        {
            // Refused without an event, like the other refusals of a transfer: it stays pending for an operator.
            return Balances(state, context, ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow);
        }
        var received = new TransferReceived(
            context.Now, command.TransferId, state.Exists ? state.CardNumber : command.Card, command.FromCard,
            command.Product, command.Holder, command.ExpiresAt?.ToUniversalTime(), main, lots,
            context.Product.IdempotencyWindow, context.Product.RefundWindow, context.Product.Memory);
        var reply = new CardReply(
            ResponseCode.Approved, command.TransferId, main + bonus, 0, 0,
            state.MainBalance + main, state.BonusBalance + bonus, state.AvailableAt(context.Now) + main + bonusAvailable, DeclineReason.None);
        return CardDecision.Persist(received, reply);
    }

    private static bool HasNegativeLot(ImmutableArray<BonusLot> lots)
    {
        if (lots.IsDefault)
        {
            return false;
        }
        foreach (var lot in lots)
        {
            if (lot.Amount < 0)
            {
                return true;
            }
        }
        return false;
    }

    private static CardDecision DecideConfirmTransferOut(CardState state, ConfirmTransferOut command, in CardContext context)
    {
        if (!state.Exists)
        {
            return NotIssued();
        }
        return state.PendingTransfer is { } pending && pending.TransferId == command.TransferId
            ? StatusChange(state, new TransferOutConfirmed(context.Now, command.TransferId), context)
            : Balances(state, context);
    }
}
