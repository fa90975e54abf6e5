using System.Text;
using CardActors.Domain.Codes;
using CardActors.Iso8583;

namespace CardActors.Node.Gateway;

/// <summary>
/// The card fields of an answer: on approval of an authorization or financial request the approval
/// code (38); balances (54) on approval and on 51, as the specification says; nothing else.
/// </summary>
internal static class IsoAnswers
{
    public static void AddCardFields(Iso8583MessageBuilder builder, Iso8583Message request, in IsoResponse response, int currency)
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

        if (reply.IsApproved && !reply.TransactionId.IsNone)
        {
            Span<byte> approval = stackalloc byte[6];
            Encoding.ASCII.GetBytes(reply.ApprovalCode.ToString(), approval);
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
