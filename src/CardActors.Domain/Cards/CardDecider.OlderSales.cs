using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

public static partial class CardDecider
{
    /// <summary>
    /// A refund of a sale the card does not hold in memory. Without the journal's record of the sale
    /// the card answers <see cref="DeclineReason.SaleNotInMemory"/> and persists nothing, so that the
    /// host's second attempt, carrying the record, is decided afresh rather than answered with a
    /// remembered decline. With it, the rules of a sale in memory: the refund window (from the sale),
    /// the merchant, and an amount within what the sale paid minus what went back, counting per purse
    /// the larger of the journal's figure and the card's own (kept for sales that left its memory).
    /// </summary>
    private static CardDecision DecideRefundOfOlderSale(CardState state, Refund command, TransactionId originalId, in CardContext context)
    {
        if (IsKnownNotToBeASale(state, originalId))
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.SaleNotFound, context);
        }
        var now = context.Now;
        var sale = command.Sale;
        if (sale is null || !sale.Matches(originalId) || !sale.IsConsistent)
        {
            var reply = new CardReply(
                ResponseCode.InvalidTransaction, command.TransactionId, 0, 0, 0,
                state.MainBalance, state.BonusBalance, state.AvailableAt(now), DeclineReason.SaleNotInMemory);
            return CardDecision.ReplyOnly(reply);
        }
        var saleAt = sale.At.ToUniversalTime();
        if (saleAt.UtcTicks + state.RefundWindow.Ticks <= now.UtcTicks)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.SaleNotFound, context);
        }
        if (sale.Merchant != command.Merchant.Merchant)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.MerchantMismatch, context);
        }
        long returnedMain = sale.ReturnedMain, returnedBonus = sale.ReturnedBonus;
        var keptIndex = state.FindOlderSaleReturns(sale.Id);
        if (keptIndex >= 0)
        {
            var kept = state.ReturnsOfOlderSales[keptIndex];
            returnedMain = Math.Max(returnedMain, kept.ReturnedMain);
            returnedBonus = Math.Max(returnedBonus, kept.ReturnedBonus);
        }
        else if (state.ReturnsForgottenUntil is { } forgotten && saleAt <= forgotten)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidTransaction, DeclineReason.SaleReturnsForgotten, context);
        }
        var amount = command.Amount.MinorUnits;
        var leftMain = Math.Max(0, sale.Main - returnedMain);
        var leftBonus = Math.Max(0, sale.Bonus - returnedBonus);
        if (amount > leftMain + leftBonus)
        {
            return Decline(state, command, OperationKind.Refund, ResponseCode.InvalidAmount, DeclineReason.RefundExceedsSale, context);
        }
        var record = new SaleRecord(sale.Id, sale.CaptureId, sale.Main, sale.Bonus, returnedMain, returnedBonus, sale.BonusLot, saleAt.UtcTicks, sale.Merchant);
        var older = new OlderSaleRefund(sale.CaptureId, sale.BonusLot, saleAt, returnedMain, returnedBonus);
        // Customer money goes back first, as for a sale in memory.
        var main = Math.Min(amount, leftMain);
        return ReturnToCard(state, command, record, main, amount - main, reversal: false, command.Merchant.Terminal, context, older);
    }

    /// <summary>An open hold, or a remembered transaction that was declined or is of a kind that makes no sale.</summary>
    private static bool IsKnownNotToBeASale(CardState state, TransactionId id)
    {
        if (state.FindHold(id) >= 0)
        {
            return true;
        }
        var recentIndex = state.FindRecentById(id);
        if (recentIndex < 0)
        {
            return false;
        }
        ref readonly var recent = ref state.RecentTransactions[recentIndex];
        return recent.Code != ResponseCode.Approved || recent.Kind is not (OperationKind.Authorize or OperationKind.Capture or OperationKind.Purchase);
    }
}
