using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

public static partial class CardDecider
{
    private static CardDecision DecideAuthorize(CardState state, Authorize command, in CardContext context)
    {
        if (!TryCheckSpend(state, command, OperationKind.Authorize, command.Amount, command.Merchant, context, out var split, out var rejected))
        {
            return rejected;
        }
        var now = context.Now;
        var @event = new Authorized(
            now, command.TransactionId, command.Key, split.Main, split.Bonus, split.Lot,
            now + context.Product.HoldExpiry, command.Merchant.Merchant, command.Merchant.Terminal, context.Calendar.DateOf(now));
        var amount = command.Amount.MinorUnits;
        var reply = new CardReply(ResponseCode.Approved, command.TransactionId, amount, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(now) - amount, DeclineReason.None);
        return CardDecision.Persist(@event, reply);
    }

    private static CardDecision DecidePurchase(CardState state, Purchase command, in CardContext context)
    {
        if (!TryCheckSpend(state, command, OperationKind.Purchase, command.Amount, command.Merchant, context, out var split, out var rejected))
        {
            return rejected;
        }
        var now = context.Now;
        var @event = new Purchased(
            now, command.TransactionId, command.Key, split.Main, split.Bonus, split.Lot,
            command.Merchant.Merchant, command.Merchant.Terminal, context.Calendar.DateOf(now));
        var amount = command.Amount.MinorUnits;
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, amount, amount, 0,
            state.MainBalance - split.Main, state.BonusBalance - split.Bonus, state.AvailableAt(now) - amount, DeclineReason.None);
        return CardDecision.Persist(@event, reply);
    }

    /// <summary>Every check an authorization or purchase passes, in order, and how its amount splits over the purses.</summary>
    private static bool TryCheckSpend(
        CardState state,
        CardMoneyCommand command,
        OperationKind kind,
        Money money,
        in MerchantFacts merchant,
        in CardContext context,
        out PurseSplit split,
        out CardDecision rejected)
    {
        split = default;
        if (TryAnswerWithoutDeciding(state, command, context, out rejected) || TryRefuseAtClosedMerchant(state, command, merchant, context, out rejected))
        {
            return false;
        }
        var amountProblem = CheckAmount(money, context);
        if (amountProblem != DeclineReason.None)
        {
            rejected = Decline(state, command, kind, ResponseCode.InvalidAmount, amountProblem, context);
            return false;
        }
        if (!state.Exists)
        {
            rejected = NotIssued(command);
            return false;
        }
        if (TryRejectReplayedIdentity(state, command, kind, context, out rejected))
        {
            return false;
        }
        var (code, reason) = CheckUsable(state, context);
        if (code == ResponseCode.Approved)
        {
            (code, reason) = CheckRulesAndFunds(state, money.MinorUnits, merchant, kind == OperationKind.Authorize, context, out split);
        }
        if (code != ResponseCode.Approved)
        {
            rejected = Decline(state, command, kind, code, reason, context);
            return false;
        }
        return true;
    }

    private static (ResponseCode Code, DeclineReason Reason) CheckRulesAndFunds(
        CardState state, long amount, in MerchantFacts merchant, bool placesHold, in CardContext context, out PurseSplit split)
    {
        split = default;
        var product = context.Product;
        if (!product.Scope.Permits(merchant))
        {
            return (ResponseCode.NotPermittedToCardholder, DeclineReason.OutOfScope);
        }
        if (product.PerTransactionLimit is { } perTransaction && amount > perTransaction.MinorUnits)
        {
            return (ResponseCode.ExceedsAmountLimit, DeclineReason.PerTransactionLimit);
        }
        var usage = state.DailyUsage.On(context.Calendar.DateOf(context.Now));
        if (product.DailyAmountLimit is { } dailyAmount && usage.Amount + amount > dailyAmount.MinorUnits)
        {
            return (ResponseCode.ExceedsAmountLimit, DeclineReason.DailyAmountLimit);
        }
        if (product.DailyCountLimit is { } dailyCount && usage.Count + 1 > dailyCount)
        {
            return (ResponseCode.ExceedsFrequencyLimit, DeclineReason.DailyCountLimit);
        }
        if (placesHold && state.Holds.Length >= state.Memory.MaxOpenHolds)
        {
            return (ResponseCode.ExceedsFrequencyLimit, DeclineReason.TooManyOpenHolds);
        }
        return TrySplit(state, amount, merchant, product.SpendingOrder, context.Now, out split)
            ? (ResponseCode.Approved, DeclineReason.None)
            : (ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds);
    }

    /// <summary>
    /// Splits a spend over the purses in the product's order. A spend draws on at most one bonus
    /// lot (unexpired, in scope, earliest expiry first), so every bonus movement can go back to
    /// the lot it came from.
    /// </summary>
    private static bool TrySplit(CardState state, long amount, in MerchantFacts merchant, SpendingOrder order, DateTimeOffset now, out PurseSplit split)
    {
        split = default;
        var mainAvailable = state.MainAvailable;
        var bonusNeeded = Math.Max(0, amount - mainAvailable);
        if (order == SpendingOrder.MainFirst && bonusNeeded == 0)
        {
            split = new PurseSplit(amount, 0, default);
            return true;
        }
        var lotIndex = state.FindSpendableLot(Math.Max(bonusNeeded, 1), merchant, now);
        if (lotIndex < 0)
        {
            if (bonusNeeded > 0)
            {
                return false;
            }
            split = new PurseSplit(amount, 0, default);
            return true;
        }
        var lot = state.BonusLots[lotIndex];
        var bonus = order == SpendingOrder.BonusFirst ? Math.Min(lot.Amount, amount) : bonusNeeded;
        split = new PurseSplit(amount - bonus, bonus, lot.Id);
        return true;
    }

    private static CardDecision DecideCapture(CardState state, Capture command, in CardContext context)
    {
        if (TryAnswerWithoutDeciding(state, command, context, out var early))
        {
            return early;
        }
        var amountProblem = CheckAmount(command.Amount, context);
        if (amountProblem != DeclineReason.None)
        {
            return Decline(state, command, OperationKind.Capture, ResponseCode.InvalidAmount, amountProblem, context);
        }
        if (!state.Exists)
        {
            return NotIssued(command);
        }
        if (TryRejectReplayedIdentity(state, command, OperationKind.Capture, context, out var replayed))
        {
            return replayed;
        }
        var now = context.Now;
        var holdIndex = state.FindHold(command.HoldId);
        if (holdIndex < 0 || state.Holds[holdIndex].ExpiresAtTicks <= now.UtcTicks)
        {
            return Decline(state, command, OperationKind.Capture, ResponseCode.InvalidTransaction, DeclineReason.HoldNotFound, context);
        }
        var hold = state.Holds[holdIndex];
        if (hold.Merchant != command.Merchant.Merchant)
        {
            return Decline(state, command, OperationKind.Capture, ResponseCode.InvalidTransaction, DeclineReason.MerchantMismatch, context);
        }
        // A completion for more than its hold captures the hold (ISO 8583: the smaller of the two);
        // the merchant's claim beyond it is the acquirer's to settle, not the card's to pay.
        var amount = Math.Min(command.Amount.MinorUnits, hold.Total);
        // The hold's purses are drawn in the product's order, as the authorization split them.
        long main, bonus;
        if (context.Product.SpendingOrder == SpendingOrder.BonusFirst)
        {
            bonus = Math.Min(amount, hold.Bonus);
            main = amount - bonus;
        }
        else
        {
            main = Math.Min(amount, hold.Main);
            bonus = amount - main;
        }
        var releasedMain = hold.Main - main;
        var lotIndex = state.FindLot(hold.BonusLot);
        var remainingBonus = hold.Bonus - bonus;
        var returned = lotIndex >= 0 ? remainingBonus : 0;
        var forfeited = remainingBonus - returned;
        var @event = new HoldCaptured(
            now, command.TransactionId, command.Key, hold.Id, main, bonus, releasedMain, returned, forfeited,
            command.Merchant.Merchant, command.Merchant.Terminal, context.Calendar.DateOf(now));
        var reply = new CardReply(
            ResponseCode.Approved, command.TransactionId, amount, amount, 0,
            state.MainBalance - main, state.BonusBalance - bonus - forfeited,
            state.AvailableAt(now) + releasedMain + AvailableIfReturned(state, lotIndex, returned, now), DeclineReason.None);
        return CardDecision.Persist(@event, reply);
    }

    private readonly record struct PurseSplit(long Main, long Bonus, TransactionId Lot);
}
