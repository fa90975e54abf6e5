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
            load.MinorUnits, product.IdempotencyWindow, product.RefundWindow, product.Memory);
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
        if (TryAnswerWithoutDeciding(state, command, context, out var early)
            || (command.Merchant is { } merchant && TryRefuseAtClosedMerchant(state, command, merchant, context, out early)))
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
        var amount = command.Amount.MinorUnits;
        // Compared as the room left under the cap: the sum of balance and amount may not fit a long.
        if (code == ResponseCode.Approved && amount > context.Product.BalanceCap.MinorUnits - state.MainBalance)
        {
            (code, reason) = (ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceCap);
        }
        else if (code == ResponseCode.Approved && WouldOverflow(state, amount))
        {
            (code, reason) = (ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow);
        }
        if (code != ResponseCode.Approved)
        {
            return Decline(state, command, OperationKind.TopUp, code, reason, context);
        }
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
        if (state.BonusLots.Length >= CardState.MaxBonusLots)
        {
            return Decline(state, command, OperationKind.GrantBonus, ResponseCode.ExceedsFrequencyLimit, DeclineReason.TooManyBonusLots, context);
        }
        var amount = command.Amount.MinorUnits;
        if (WouldOverflow(state, amount))
        {
            return Decline(state, command, OperationKind.GrantBonus, ResponseCode.ExceedsAmountLimit, DeclineReason.BalanceOverflow, context);
        }
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
}
