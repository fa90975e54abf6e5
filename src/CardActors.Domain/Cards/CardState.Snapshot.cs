using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

public sealed partial class CardState
{
    /// <summary>Writes every field; the layout is documented by <see cref="CardSnapshotCodec"/>.</summary>
    internal void WriteSnapshot(ref CodecWriter writer)
    {
        writer.WriteCardNumber(CardNumber);
        writer.WriteUInt32(Product.Value);
        writer.WriteUInt64(Holder.Value);
        writer.WriteByte((byte)Status);
        writer.WriteDuration(IdempotencyWindow);
        writer.WriteDuration(RefundWindow);
        writer.WriteInt64(_issuedAtTicks);
        writer.WriteInt64(_activatedAtTicks);
        writer.WriteInt64(_expiresAtTicks);
        writer.WriteInt64(_lastUsedAtTicks);
        writer.WriteInt64(MainBalance);
        writer.WriteDate(DailyUsage.Date);
        writer.WriteInt64(DailyUsage.Amount);
        writer.WriteInt32(DailyUsage.Count);
        writer.WriteBool(PendingTransfer is not null);
        if (PendingTransfer is { } pending)
        {
            writer.WriteTransactionId(pending.TransferId);
            writer.WriteCardNumber(pending.NewCard);
            writer.WriteInt64(pending.Main);
            CardValueCodec.WriteLots(ref writer, pending.Lots);
            writer.WriteInstant(pending.At);
        }
        writer.WriteCount(_lots.Count);
        foreach (ref readonly var lot in _lots.AsSpan())
        {
            CardValueCodec.WriteLot(ref writer, lot);
        }
        writer.WriteCount(_holds.Count);
        foreach (ref readonly var hold in _holds.AsSpan())
        {
            writer.WriteTransactionId(hold.Id);
            writer.WriteInt64(hold.Main);
            writer.WriteInt64(hold.Bonus);
            writer.WriteTransactionId(hold.BonusLot);
            writer.WriteInt64(hold.ExpiresAtTicks);
            writer.WriteMerchantId(hold.Merchant);
        }
        writer.WriteCount(_sales.Count);
        foreach (ref readonly var sale in _sales.AsSpan())
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
        writer.WriteCount(_recent.Count);
        foreach (ref readonly var entry in _recent.AsSpan())
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
        writer.WriteCount(_awaited.Count);
        foreach (ref readonly var awaited in _awaited.AsSpan())
        {
            writer.WriteTransactionId(awaited.OriginalId);
            writer.WriteKey(awaited.OriginalKey);
            writer.WriteInt64(awaited.AtTicks);
        }
        writer.WriteCount(_receivedTransfers.Count);
        foreach (var transferId in _receivedTransfers.AsSpan())
        {
            writer.WriteTransactionId(transferId);
        }
    }

    internal static CardState ReadSnapshot(ref CodecReader reader)
    {
        var state = new CardState
        {
            CardNumber = reader.ReadCardNumber(),
            Product = new ProductId(reader.ReadUInt32()),
            Holder = new HolderId(reader.ReadUInt64()),
            Status = reader.ReadEnum<CardStatus>(),
            IdempotencyWindow = reader.ReadDuration(),
            RefundWindow = reader.ReadDuration(),
            _issuedAtTicks = reader.ReadInt64(),
            _activatedAtTicks = reader.ReadInt64(),
            _expiresAtTicks = reader.ReadInt64(),
            _lastUsedAtTicks = reader.ReadInt64(),
            MainBalance = reader.ReadInt64(),
            DailyUsage = new DailyUsage(reader.ReadDate(), reader.ReadInt64(), reader.ReadInt32()),
        };
        if (reader.ReadBool())
        {
            state.PendingTransfer = new PendingTransfer(
                reader.ReadTransactionId(), reader.ReadCardNumber(), reader.ReadInt64(), CardValueCodec.ReadLots(ref reader), reader.ReadInstant());
        }
        var lotsCount = reader.ReadCount();
        state._lots.EnsureCapacity(lotsCount);
        for (var i = 0; i < lotsCount; i++)
        {
            var lot = CardValueCodec.ReadLot(ref reader);
            state._lots.Add(lot);
            state.BonusInLots = checked(state.BonusInLots + lot.Amount);
        }
        var holdsCount = reader.ReadCount();
        state._holds.EnsureCapacity(holdsCount);
        for (var i = 0; i < holdsCount; i++)
        {
            var hold = new Hold(reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadMerchantId());
            state._holds.Add(hold);
            state.MainHeld = checked(state.MainHeld + hold.Main);
            state.BonusHeld = checked(state.BonusHeld + hold.Bonus);
        }
        var salesCount = reader.ReadCount();
        state._sales.EnsureCapacity(salesCount);
        for (var i = 0; i < salesCount; i++)
        {
            state._sales.Add(new SaleRecord(
                reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadMerchantId()));
        }
        var recentCount = reader.ReadCount();
        state._recent.EnsureCapacity(recentCount);
        for (var i = 0; i < recentCount; i++)
        {
            state._recent.Add(new RecentTransaction(
                reader.ReadKey(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadInt64(), reader.ReadEnum<OperationKind>(), reader.ReadEnum<ResponseCode>(), reader.ReadEnum<DeclineReason>()));
        }
        var awaitedCount = reader.ReadCount();
        state._awaited.EnsureCapacity(awaitedCount);
        for (var i = 0; i < awaitedCount; i++)
        {
            state._awaited.Add(new AwaitedOriginal(reader.ReadTransactionId(), reader.ReadKey(), reader.ReadInt64()));
        }
        var receivedTransfersCount = reader.ReadCount();
        state._receivedTransfers.EnsureCapacity(receivedTransfersCount);
        for (var i = 0; i < receivedTransfersCount; i++)
        {
            state._receivedTransfers.Add(reader.ReadTransactionId());
        }
        state.CheckInvariants();
        return state;
    }
}
