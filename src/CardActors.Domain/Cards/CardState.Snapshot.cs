using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

public sealed partial class CardState
{
    /// <summary>Writes every field in the current format; the layout is documented by <see cref="CardSnapshotCodec"/>.</summary>
    internal void WriteSnapshot(ref CodecWriter writer)
    {
        writer.WriteCardNumber(CardNumber);
        writer.WriteUInt32(Product.Value);
        writer.WriteUInt64(Holder.Value);
        writer.WriteByte((byte)Status);
        writer.WriteDuration(IdempotencyWindow);
        writer.WriteDuration(RefundWindow);
        CardValueCodec.WriteMemory(ref writer, Memory);
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
        foreach (ref readonly var sale in _sales.View)
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
        foreach (ref readonly var entry in _recent.View)
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
        foreach (ref readonly var awaited in _awaited.View)
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
        writer.WriteCount(_olderSaleReturns.Count);
        foreach (ref readonly var returns in _olderSaleReturns.View)
        {
            writer.WriteTransactionId(returns.SaleId);
            writer.WriteTransactionId(returns.CaptureId);
            writer.WriteInt64(returns.ReturnedMain);
            writer.WriteInt64(returns.ReturnedBonus);
            writer.WriteInt64(returns.SaleAtTicks);
        }
        writer.WriteInt64(_olderReturnsForgottenUntilTicks);
        writer.WriteCount(_credits.Count);
        foreach (ref readonly var credit in _credits.View)
        {
            writer.WriteTransactionId(credit.Id);
            writer.WriteTransactionId(credit.SaleId);
            writer.WriteInt64(credit.Main);
            writer.WriteInt64(credit.Bonus);
            writer.WriteTransactionId(credit.BonusLot);
            writer.WriteInt64(credit.AtTicks);
            writer.WriteMerchantId(credit.Merchant);
            writer.WriteBool(credit.Reversed);
        }
    }

    /// <summary>
    /// Reads a snapshot of format <paramref name="version"/>. Version 1 predates the memory limits:
    /// the card gets the defaults and keeps the newest entries of lists longer than them (a sale
    /// pushed out keeps what went back from it, as in Apply). Versions 1 and 2 predate credit
    /// reversals: the card remembers no credits, so a reversal of a credit made before the snapshot
    /// is declined as a credit outside memory.
    /// </summary>
    internal static CardState ReadSnapshot(ref CodecReader reader, byte version)
    {
        var state = new CardState
        {
            CardNumber = reader.ReadCardNumber(),
            Product = new ProductId(reader.ReadUInt32()),
            Holder = new HolderId(reader.ReadUInt64()),
            Status = reader.ReadEnum<CardStatus>(),
            IdempotencyWindow = reader.ReadDuration(),
            RefundWindow = reader.ReadDuration(),
        };
        state.Memory = version == CardSnapshotCodec.Version1 ? CardMemoryLimits.Default : ReadMemory(ref reader, state.Exists);
        state.ReadRest(ref reader, version);
        state.CheckInvariants();
        return state;
    }

    private static CardMemoryLimits ReadMemory(ref CodecReader reader, bool exists)
    {
        var memory = CardValueCodec.ReadMemory(ref reader);
        return memory.IsValid || (!exists && memory == default) ? memory : throw Violation("memory limits out of range: " + memory);
    }

    /// <summary>Everything after the memory limits, which the rings need to be filled.</summary>
    private void ReadRest(ref CodecReader reader, byte version)
    {
        _issuedAtTicks = reader.ReadInt64();
        _activatedAtTicks = reader.ReadInt64();
        _expiresAtTicks = reader.ReadInt64();
        _lastUsedAtTicks = reader.ReadInt64();
        MainBalance = reader.ReadInt64();
        DailyUsage = new DailyUsage(reader.ReadDate(), reader.ReadInt64(), reader.ReadInt32());
        if (reader.ReadBool())
        {
            PendingTransfer = new PendingTransfer(
                reader.ReadTransactionId(), reader.ReadCardNumber(), reader.ReadInt64(), CardValueCodec.ReadLots(ref reader), reader.ReadInstant());
        }
        var lotsCount = reader.ReadCount();
        _lots.EnsureCapacity(lotsCount);
        for (var i = 0; i < lotsCount; i++)
        {
            var lot = CardValueCodec.ReadLot(ref reader);
            _lots.Add(lot);
            BonusInLots = checked(BonusInLots + lot.Amount);
        }
        var holdsCount = reader.ReadCount();
        _holds.EnsureCapacity(holdsCount);
        for (var i = 0; i < holdsCount; i++)
        {
            var hold = new Hold(reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadMerchantId());
            _holds.Add(hold);
            MainHeld = checked(MainHeld + hold.Main);
            BonusHeld = checked(BonusHeld + hold.Bonus);
        }
        var salesCount = reader.ReadCount();
        for (var i = 0; i < salesCount; i++)
        {
            AddSale(new SaleRecord(
                reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadMerchantId()));
        }
        var recentCount = reader.ReadCount();
        for (var i = 0; i < recentCount; i++)
        {
            Remember(new RecentTransaction(
                reader.ReadKey(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadInt64(), reader.ReadEnum<OperationKind>(), reader.ReadEnum<ResponseCode>(), reader.ReadEnum<DeclineReason>()));
        }
        var awaitedCount = reader.ReadCount();
        for (var i = 0; i < awaitedCount; i++)
        {
            AwaitOriginal(new AwaitedOriginal(reader.ReadTransactionId(), reader.ReadKey(), reader.ReadInt64()));
        }
        var receivedTransfersCount = reader.ReadCount();
        _receivedTransfers.EnsureCapacity(receivedTransfersCount);
        for (var i = 0; i < receivedTransfersCount; i++)
        {
            _receivedTransfers.Add(reader.ReadTransactionId());
        }
        if (version == CardSnapshotCodec.Version1)
        {
            return;
        }
        var returnsCount = reader.ReadCount();
        for (var i = 0; i < returnsCount; i++)
        {
            KeepOlderSaleReturns(new OlderSaleReturns(
                reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()));
        }
        _olderReturnsForgottenUntilTicks = Math.Max(_olderReturnsForgottenUntilTicks, reader.ReadInt64());
        if (version == CardSnapshotCodec.Version2)
        {
            return;
        }
        var creditsCount = reader.ReadCount();
        for (var i = 0; i < creditsCount; i++)
        {
            RememberCredit(new CreditRecord(
                reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadMerchantId(), reader.ReadBool()));
        }
    }
}
