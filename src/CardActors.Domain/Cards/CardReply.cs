using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// The answer to a card command. Amounts and balances are minor units of the card's currency;
/// balances are those after the command. <see cref="Repeated"/> is set when the reply is the
/// remembered first outcome of an earlier request with the same idempotency key.
/// </summary>
public readonly record struct CardReply(
    ResponseCode Code,
    TransactionId TransactionId,
    long ApprovedAmount,
    long CapturedAmount,
    long RefundedAmount,
    long MainBalance,
    long BonusBalance,
    long Available,
    DeclineReason Reason,
    bool Repeated = false)
{
    public bool IsApproved => Code == ResponseCode.Approved;

    /// <summary>Six-digit approval code (ISO field 38) of an approved transaction; none otherwise.</summary>
    public ApprovalCode ApprovalCode =>
        Code == ResponseCode.Approved && !TransactionId.IsNone ? ApprovalCode.For(TransactionId) : default;

    /// <summary>Constant text naming the field or rule behind a rejection; empty when approved.</summary>
    public string Detail => Reason.Text();

    internal static CardReply Reject(ResponseCode code, DeclineReason reason, TransactionId transactionId) =>
        new(code, transactionId, 0, 0, 0, 0, 0, 0, reason);

    internal static CardReply FromMemory(in RecentTransaction entry)
    {
        long approved = 0, captured = 0, refunded = 0;
        if (entry.Code == ResponseCode.Approved)
        {
            switch (entry.Kind)
            {
                case OperationKind.Capture or OperationKind.Purchase:
                    approved = captured = entry.Amount;
                    break;
                case OperationKind.Refund:
                    approved = refunded = entry.Amount;
                    break;
                default:
                    approved = entry.Amount;
                    break;
            }
        }
        return new CardReply(entry.Code, entry.Id, approved, captured, refunded, entry.MainAfter, entry.BonusAfter, entry.AvailableAfter, entry.Reason, Repeated: true);
    }
}
