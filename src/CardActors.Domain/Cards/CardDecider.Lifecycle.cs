using System.Collections.Immutable;
using CardActors.Domain.Codes;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

public static partial class CardDecider
{
    private static CardDecision DecideIssue(CardState state, IssueCard command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        var product = context.Product;
        var load = command.InitialLoad;
        if (load.Currency != product.Currency || load.IsNegative)
        {
            var reason = load.Currency != product.Currency ? DeclineReason.AmountCurrency : DeclineReason.AmountNotPositive;
            return Decline(state, command, OperationKind.Issue, ResponseCode.InvalidAmount, reason, context);
        }
        if (command.Card.IsEmpty)
        {
            return Decline(state, command, OperationKind.Issue, ResponseCode.InvalidCardNumber, DeclineReason.CardNumberMissing, context);
        }
        if (state.Exists)
        {
            return Decline(state, command, OperationKind.Issue, ResponseCode.InvalidTransaction, DeclineReason.CardAlreadyIssued, context);
        }
        var problem = product.Id != command.Product ? DeclineReason.ProductMismatch
            : product.Identity == CardholderIdentity.RealName && command.Holder.IsAnonymous ? DeclineReason.HolderRequired
            : product.Identity == CardholderIdentity.Anonymous && !command.Holder.IsAnonymous ? DeclineReason.HolderNotAllowed
            : DeclineReason.None;
        if (problem != DeclineReason.None)
        {
            return Decline(state, command, OperationKind.Issue, ResponseCode.InvalidTransaction, problem, context);
        }
        if (load.IsPositive && !product.Denominations.IsEmpty && !product.Denominations.Contains(load))
        {
            return Decline(state, command, OperationKind.Issue, ResponseCode.InvalidAmount, DeclineReason.AmountNotDenomination, context);
        }
        if (load > product.BalanceCap)
        {
            return Decline(state, command, OperationKind.Issue, ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceCap, context);
        }
        var issued = new CardIssued(
            context.Now, command.TransactionId, command.Key, command.Card, command.Product, command.Holder,
            load.MinorUnits, product.IdempotencyWindow, product.RefundWindow);
        var reply = new CardReply(ResponseCode.Approved, command.TransactionId, load.MinorUnits, 0, 0, load.MinorUnits, 0, load.MinorUnits, DeclineReason.None);
        return CardDecision.Persist(issued, reply);
    }

    private static CardDecision DecideActivate(CardState state, in CardContext context)
    {
        if (!state.Exists)
        {
            return NotIssued();
        }
        return state.Status switch
        {
            CardStatus.Issued => CardDecision.Persist(
                new CardActivated(context.Now, context.Product.ValidityMonths is { } months ? context.Now.AddMonths(months) : null),
                new CardReply(ResponseCode.Approved, default, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), DeclineReason.None)),
            CardStatus.Active or CardStatus.Frozen => Balances(state, context),
            CardStatus.Lost => Balances(state, context, ResponseCode.LostCard, DeclineReason.CardLost),
            _ => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardClosed),
        };
    }

    private static CardDecision DecideTopUp(CardState state, TopUp command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        var amountProblem = CheckAmount(command.Amount, context);
        if (amountProblem != DeclineReason.None)
        {
            return Decline(state, command, OperationKind.TopUp, ResponseCode.InvalidAmount, amountProblem, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectReplayedIdentity(state, command, OperationKind.TopUp, context, out var replayed))
        {
            return replayed;
        }
        var (code, reason) = CheckUsable(state, context);
        if (code == ResponseCode.Approved && state.MainBalance + command.Amount.MinorUnits > context.Product.BalanceCap.MinorUnits)
        {
            (code, reason) = (ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceCap);
        }
        if (code != ResponseCode.Approved)
        {
            return Decline(state, command, OperationKind.TopUp, code, reason, context);
        }
        var amount = command.Amount.MinorUnits;
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, amount, 0, 0,
            state.MainBalance + amount, state.BonusBalance, state.AvailableAt(context.Now) + amount, DeclineReason.None);
        return CardDecision.Persist(new ToppedUp(context.Now, command.TransactionId, command.Key, amount, command.Channel), reply);
    }

    private static CardDecision DecideGrantBonus(CardState state, GrantBonus command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        var amountProblem = CheckAmount(command.Amount, context);
        if (amountProblem != DeclineReason.None)
        {
            return Decline(state, command, OperationKind.GrantBonus, ResponseCode.InvalidAmount, amountProblem, context);
        }
        if (command.ExpiresAt <= context.Now)
        {
            return Decline(state, command, OperationKind.GrantBonus, ResponseCode.InvalidTransaction, DeclineReason.BonusExpiryPast, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectReplayedIdentity(state, command, OperationKind.GrantBonus, context, out var replayed))
        {
            return replayed;
        }
        if (state.Status is CardStatus.Lost or CardStatus.Closed)
        {
            var code = state.Status == CardStatus.Lost ? ResponseCode.LostCard : ResponseCode.RestrictedCard;
            var reason = state.Status == CardStatus.Lost ? DeclineReason.CardLost : DeclineReason.CardClosed;
            return Decline(state, command, OperationKind.GrantBonus, code, reason, context);
        }
        var amount = command.Amount.MinorUnits;
        var granted = new BonusGranted(context.Now, command.TransactionId, command.Key, amount, command.ExpiresAt.ToUniversalTime(), command.Scope);
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, amount, 0, 0,
            state.MainBalance, state.BonusBalance + amount, state.AvailableAt(context.Now) + amount, DeclineReason.None);
        return CardDecision.Persist(granted, reply);
    }

    private static CardDecision DecideInquiry(CardState state, in CardContext context) =>
        state.Exists ? Balances(state, context) : NotIssued();

    private static CardDecision DecideFreeze(CardState state, in CardContext context) => state.Status switch
    {
        CardStatus.None => NotIssued(),
        CardStatus.Active => StatusChange(state, new CardFrozen(context.Now), context),
        CardStatus.Frozen => Balances(state, context),
        CardStatus.Lost => Balances(state, context, ResponseCode.LostCard, DeclineReason.CardLost),
        CardStatus.Issued => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardNotActive),
        _ => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardClosed),
    };

    private static CardDecision DecideUnfreeze(CardState state, in CardContext context) => state.Status switch
    {
        CardStatus.None => NotIssued(),
        CardStatus.Frozen => StatusChange(state, new CardUnfrozen(context.Now), context),
        CardStatus.Active => Balances(state, context),
        CardStatus.Lost => Balances(state, context, ResponseCode.LostCard, DeclineReason.CardLost),
        CardStatus.Issued => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardNotActive),
        _ => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardClosed),
    };

    private static CardDecision DecideReportLost(CardState state, in CardContext context) => state.Status switch
    {
        CardStatus.None => NotIssued(),
        CardStatus.Closed => Balances(state, context, ResponseCode.RestrictedCard, DeclineReason.CardClosed),
        CardStatus.Lost => Balances(state, context),
        _ when state.Holder.IsAnonymous => Balances(state, context, ResponseCode.InvalidTransaction, DeclineReason.LostNeedsRealName),
        _ => StatusChange(state, new CardReportedLost(context.Now), context),
    };

    private static CardDecision StatusChange(CardState state, CardEvent @event, in CardContext context) =>
        CardDecision.Persist(@event, new CardReply(ResponseCode.Approved, default, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), DeclineReason.None));

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
        var lots = command.Lots.IsDefault ? [] : command.Lots;
        long bonus = 0, bonusAvailable = 0;
        foreach (var lot in lots)
        {
            bonus += lot.Amount;
            bonusAvailable += lot.IsExpiredAt(context.Now) ? 0 : lot.Amount;
        }
        var main = command.Main;
        var received = new TransferReceived(
            context.Now, command.TransferId, state.Exists ? state.CardNumber : command.Card, command.FromCard,
            command.Product, command.Holder, command.ExpiresAt?.ToUniversalTime(), main, lots,
            context.Product.IdempotencyWindow, context.Product.RefundWindow);
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
