using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>
/// Writes a card in the snapshot layout of format version 1 (before memory limits), from the
/// state's public view, as a node running the earlier code would have: every list whole, however
/// long. Checked against bytes written by that code (<see cref="CardFormatVersionTests"/>).
/// </summary>
internal static class CardSnapshotV1
{
    public static byte[] Write(CardState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CodecWriter(buffer);
        writer.WriteByte(1);
        writer.WriteCardNumber(state.CardNumber);
        writer.WriteUInt32(state.Product.Value);
        writer.WriteUInt64(state.Holder.Value);
        writer.WriteByte((byte)state.Status);
        writer.WriteDuration(state.IdempotencyWindow);
        writer.WriteDuration(state.RefundWindow);
        writer.WriteInt64(state.IssuedAt.UtcTicks);
        writer.WriteInt64(state.ActivatedAt?.UtcTicks ?? 0);
        writer.WriteInt64(state.ExpiresAt?.UtcTicks ?? 0);
        writer.WriteInt64(state.LastUsedAt.UtcTicks);
        writer.WriteInt64(state.MainBalance);
        writer.WriteDate(state.DailyUsage.Date);
        writer.WriteInt64(state.DailyUsage.Amount);
        writer.WriteInt32(state.DailyUsage.Count);
        Assert.Null(state.PendingTransfer);
        writer.WriteBool(false);
        writer.WriteCount(state.BonusLots.Length);
        foreach (var lot in state.BonusLots)
        {
            Assert.Null(lot.Scope);
            writer.WriteTransactionId(lot.Id);
            writer.WriteInt64(lot.Amount);
            writer.WriteInt64(lot.ExpiresAtTicks);
            writer.WriteBool(false);
        }
        writer.WriteCount(state.Holds.Length);
        foreach (var hold in state.Holds)
        {
            writer.WriteTransactionId(hold.Id);
            writer.WriteInt64(hold.Main);
            writer.WriteInt64(hold.Bonus);
            writer.WriteTransactionId(hold.BonusLot);
            writer.WriteInt64(hold.ExpiresAtTicks);
            writer.WriteMerchantId(hold.Merchant);
        }
        writer.WriteCount(state.Sales.Length);
        foreach (ref readonly var sale in state.Sales)
        {
            writer.WriteTransactionId(sale.Id);
            writer.WriteTransactionId(sale.CaptureId);
            writer.WriteInt64(sale.Main);
            writer.WriteInt64(sale.Bonus);
            writer.WriteInt64(sale.RefundedMain);
            writer.WriteInt64(sale.RefundedBonus);
            writer.WriteTransactionId(sale.BonusLot);
            writer.WriteInt64(sale.AtTicks);
            writer.WriteMerchantId(sale.Merchant);
        }
        writer.WriteCount(state.RecentTransactions.Length);
        foreach (ref readonly var entry in state.RecentTransactions)
        {
            writer.WriteKey(entry.Key);
            writer.WriteTransactionId(entry.Id);
            writer.WriteInt64(entry.AtTicks);
            writer.WriteInt64(entry.Amount);
            writer.WriteInt64(entry.MainAfter);
            writer.WriteInt64(entry.BonusAfter);
            writer.WriteInt64(entry.AvailableAfter);
            writer.WriteByte((byte)entry.Kind);
            writer.WriteByte((byte)entry.Code);
            writer.WriteByte((byte)entry.Reason);
        }
        writer.WriteCount(state.AwaitedOriginals.Length);
        foreach (ref readonly var awaited in state.AwaitedOriginals)
        {
            writer.WriteTransactionId(awaited.OriginalId);
            writer.WriteKey(awaited.OriginalKey);
            writer.WriteInt64(awaited.AtTicks);
        }
        writer.WriteCount(state.ReceivedTransfers.Length);
        foreach (var transfer in state.ReceivedTransfers)
        {
            writer.WriteTransactionId(transfer);
        }
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }
}
