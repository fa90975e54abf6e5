using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Iso8583;

namespace CardActors.Node.Gateway;

/// <summary>
/// The card fields of an answer: on approval of an authorization or financial request the approval
/// code (38) — a balance inquiry included, whose code comes from the request's own transaction id
/// since the card records nothing for it; balances (54) on approval and on 51, as the specification
/// says; nothing else.
/// </summary>
internal static class IsoAnswers
{
    public static void AddCardFields(Iso8583MessageBuilder builder, Iso8583Message request, in IsoResponse response, TransactionId transaction, int currency)
    {
        if (response.Reply is not { } reply)
        {
            return;
        }

        var type = (MessageType)request.Mti;
        var carriesCardFields = type is MessageType.AuthorizationRequest or MessageType.FinancialRequest;
        if (!carriesCardFields)
        {
            return;
        }

        if (reply.IsApproved)
        {
            var approvedAs = reply.TransactionId.IsNone ? transaction : reply.TransactionId;
            if (approvedAs.IsNone)
            {
                throw new InvalidOperationException("An approved card request has no transaction to derive its approval code from.");
            }

            Span<byte> approval = stackalloc byte[ApprovalCode.Length];
            ApprovalCode.For(approvedAs).WriteAscii(approval);
            builder.SetText(FieldNumber.ApprovalCode, approval);
        }

        if (reply.IsApproved || reply.Code == ResponseCode.InsufficientFunds)
        {
            Span<AdditionalAmount> amounts =
            [
                new(AmountAccount.Card, AmountType.LedgerBalance, currency, reply.MainBalance + reply.BonusBalance),
                new(AmountAccount.Card, AmountType.AvailableBalance, currency, reply.Available),
                new(AmountAccount.MainPurse, AmountType.LedgerBalance, currency, reply.MainBalance),
                new(AmountAccount.BonusPurse, AmountType.LedgerBalance, currency, reply.BonusBalance),
            ];
            builder.SetAdditionalAmounts(amounts);
        }
    }
}
