using System.Runtime.CompilerServices;
using CardActors.Domain.Codes;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Cards;

/// <summary>
/// Decides card commands: validates, checks the card, and returns the events to persist and the
/// reply. Never changes the state. Checks run in one fixed order: request validation (13, 12),
/// card existence (14), a repeat of the idempotency key (first reply, no event), a merchant that
/// does not trade (05, no event), transaction-id reuse (94) or an original already reversed (12),
/// status (41, 62, 54), scope (57),
/// per-transaction limit (61), daily amount (61) and count (65), open holds for an authorization
/// (65), funds (51).
/// </summary>
public static partial class CardDecider
{
    public static CardDecision Decide(CardState state, CardCommand command, in CardContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            Authorize c => DecideAuthorize(state, c, context),
            Purchase c => DecidePurchase(state, c, context),
            Capture c => DecideCapture(state, c, context),
            Reverse c => DecideReverse(state, c, context),
            Refund c => DecideRefund(state, c, context),
            TopUp c => DecideTopUp(state, c, context),
            InquireBalance => DecideInquiry(state, context),
            ExpireHolds => DecideExpiry(state, context),
            GrantBonus c => DecideGrantBonus(state, c, context),
            IssueCard c => DecideIssue(state, c, context),
            ActivateCard => DecideActivate(state, context),
            Freeze => DecideFreeze(state, context),
            Unfreeze => DecideUnfreeze(state, context),
            ReportLost => DecideReportLost(state, context),
            Replace c => DecideReplace(state, c, context),
            ReceiveTransfer c => DecideReceiveTransfer(state, c, context),
            ConfirmTransferOut c => DecideConfirmTransferOut(state, c, context),
            Extend c => DecideExtend(state, c, context),
            Close c => DecideClose(state, c, context),
            _ => throw new ArgumentException("unknown card command " + command.GetType().Name, nameof(command)),
        };
    }

    /// <summary>
    /// The part every keyed command starts with: its ids must be set, and a repeat of a key the
    /// card remembers gets the first reply without any event.
    /// </summary>
    private static bool TryAnswerWithoutDeciding(CardState state, CardMoneyCommand command, in CardContext context, out CardDecision decision)
    {
        if (command.TransactionId.IsNone || command.Key.IsNone)
        {
            decision = MissingIdentity(command);
            return true;
        }
        if (state.Exists)
        {
            var index = state.FindRecentByKey(command.Key, context.Now);
            if (index >= 0)
            {
                decision = Remembered(state, index);
                return true;
            }
        }
        decision = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CardDecision MissingIdentity(CardMoneyCommand command) =>
        CardDecision.ReplyOnly(CardReply.Reject(
            ResponseCode.InvalidTransaction,
            command.TransactionId.IsNone ? DeclineReason.TransactionIdMissing : DeclineReason.IdempotencyKeyMissing,
            command.TransactionId));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CardDecision Remembered(CardState state, int index) =>
        CardDecision.ReplyOnly(CardReply.FromMemory(state.RecentTransactions[index]));

    /// <summary>
    /// A new spend, load or refund at a merchant that does not trade (suspended or closed) is
    /// declined 05 and nothing is persisted: the merchant's status is the host's fact of the moment,
    /// not the card's, so a retry once the merchant trades again is decided afresh, as a refusal at
    /// the front end would have been. It runs after the repeat check, so a retry of a transaction
    /// approved before the merchant stopped trading still gets its first reply.
    /// </summary>
    private static bool TryRefuseAtClosedMerchant(CardState state, CardMoneyCommand command, in MerchantFacts merchant, in CardContext context, out CardDecision decision)
    {
        if (merchant.IsTrading)
        {
            decision = default;
            return false;
        }
        decision = RefuseAtClosedMerchant(state, command, context);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CardDecision RefuseAtClosedMerchant(CardState state, CardMoneyCommand command, in CardContext context) =>
        CardDecision.ReplyOnly(state.Exists
            ? new CardReply(ResponseCode.DoNotHonor, command.TransactionId, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), DeclineReason.MerchantNotTrading)
            : CardReply.Reject(ResponseCode.DoNotHonor, DeclineReason.MerchantNotTrading, command.TransactionId));

    /// <summary>
    /// True when crediting <paramref name="amount"/> would take the card's money (main and bonus
    /// purses together) past what a 64-bit count of minor units holds. Caps normally stop a load long
    /// before; this guards the rest (a cap set at the maximum, money coming back, transfers, bonus).
    /// </summary>
    private static bool WouldOverflow(CardState state, long amount) =>
        amount > long.MaxValue - state.MainBalance - state.BonusBalance;

    /// <summary>Amount validation shared by money commands: positive and in the product's currency.</summary>
    private static DeclineReason CheckAmount(Money amount, in CardContext context) =>
        amount.Currency != context.Product.Currency ? DeclineReason.AmountCurrency
        : !amount.IsPositive ? DeclineReason.AmountNotPositive
        : DeclineReason.None;

    /// <summary>A new transaction must not reuse an id, and must not be one a reversal already undid.</summary>
    private static bool TryRejectReplayedIdentity(CardState state, CardMoneyCommand command, OperationKind kind, in CardContext context, out CardDecision decision)
    {
        if (state.UsesTransactionId(command.TransactionId))
        {
            decision = Decline(state, command, kind, ResponseCode.DuplicateTransmission, DeclineReason.TransactionIdReused, context);
            return true;
        }
        if (state.IsAwaitedOriginal(command.TransactionId, command.Key, context.Now))
        {
            decision = Decline(state, command, kind, ResponseCode.InvalidTransaction, DeclineReason.OriginalReversed, context);
            return true;
        }
        decision = default;
        return false;
    }

    /// <summary>
    /// A decline of a keyed command. On an existing card it is journaled so a repeat of the key
    /// gets the same answer; for a card never issued nothing is persisted.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CardDecision Decline(CardState state, CardMoneyCommand command, OperationKind kind, ResponseCode code, DeclineReason reason, in CardContext context)
    {
        if (!state.Exists)
        {
            return CardDecision.ReplyOnly(CardReply.Reject(code, reason, command.TransactionId));
        }
        var reply = new CardReply(code, command.TransactionId, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), reason);
        return CardDecision.Persist(new Declined(context.Now, command.TransactionId, command.Key, kind, code, reason), reply);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CardDecision NotIssued(CardMoneyCommand command) =>
        CardDecision.ReplyOnly(CardReply.Reject(ResponseCode.InvalidCardNumber, DeclineReason.CardNotIssued, command.TransactionId));

    private static CardDecision NotIssued() =>
        CardDecision.ReplyOnly(CardReply.Reject(ResponseCode.InvalidCardNumber, DeclineReason.CardNotIssued, default));

    /// <summary>A reply without events that reports the current balances.</summary>
    private static CardDecision Balances(CardState state, in CardContext context, ResponseCode code = ResponseCode.Approved, DeclineReason reason = DeclineReason.None) =>
        CardDecision.ReplyOnly(new CardReply(code, default, 0, 0, 0, state.MainBalance, state.BonusBalance, state.AvailableAt(context.Now), reason));

    /// <summary>Whether the card may spend or load: 41 lost, 62 frozen/not active/closed, 54 expired.</summary>
    private static (ResponseCode Code, DeclineReason Reason) CheckUsable(CardState state, in CardContext context) =>
        state.Status switch
        {
            CardStatus.Lost => (ResponseCode.LostCard, DeclineReason.CardLost),
            CardStatus.Frozen => (ResponseCode.RestrictedCard, DeclineReason.CardFrozen),
            CardStatus.Issued => (ResponseCode.RestrictedCard, DeclineReason.CardNotActive),
            CardStatus.Closed => (ResponseCode.RestrictedCard, DeclineReason.CardClosed),
            _ when state.StatusAt(context.Now) == CardStatus.Expired => (ResponseCode.ExpiredCard, DeclineReason.CardExpired),
            _ => (ResponseCode.Approved, DeclineReason.None),
        };

    /// <summary>Whether bonus money returned to lot <paramref name="lotIndex"/> counts as available at <paramref name="now"/>.</summary>
    private static long AvailableIfReturned(CardState state, int lotIndex, long amount, DateTimeOffset now) =>
        lotIndex >= 0 && !state.BonusLots[lotIndex].IsExpiredAt(now) ? amount : 0;
}
