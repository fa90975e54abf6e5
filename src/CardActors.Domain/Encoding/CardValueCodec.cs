using System.Collections.Immutable;
using CardActors.Domain.Cards;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>Encodings of composite values shared by the card event, snapshot and command formats.</summary>
internal static class CardValueCodec
{
    /// <summary>Presence byte; then three counted lists: categories (u16), groups (u32), projects (u32).</summary>
    public static void WriteScope(ref CodecWriter writer, UsageScope? scope)
    {
        writer.WriteBool(scope is not null);
        if (scope is not null)
        {
            WriteScopeLists(ref writer, scope);
        }
    }

    public static UsageScope? ReadScope(ref CodecReader reader) =>
        reader.ReadBool() ? ReadScopeLists(ref reader) : null;

    /// <summary>The three counted lists of a scope that is always present.</summary>
    public static void WriteScopeLists(ref CodecWriter writer, UsageScope scope)
    {
        writer.WriteCount(scope.Categories.Length);
        foreach (var category in scope.Categories)
        {
            writer.WriteUInt16(category.Code);
        }
        writer.WriteCount(scope.Groups.Length);
        foreach (var group in scope.Groups)
        {
            writer.WriteUInt32(group.Value);
        }
        WriteProjects(ref writer, scope.Projects);
    }

    public static UsageScope ReadScopeLists(ref CodecReader reader)
    {
        var categories = ImmutableArray.CreateBuilder<MerchantCategory>(reader.ReadCount(2));
        for (var i = categories.Capacity; i > 0; i--)
        {
            categories.Add(new MerchantCategory(reader.ReadUInt16()));
        }
        var groups = ImmutableArray.CreateBuilder<MerchantGroupId>(reader.ReadCount(4));
        for (var i = groups.Capacity; i > 0; i--)
        {
            groups.Add(new MerchantGroupId(reader.ReadUInt32()));
        }
        return new UsageScope(categories.MoveToImmutable(), groups.MoveToImmutable(), ReadProjects(ref reader));
    }

    public static void WriteProjects(ref CodecWriter writer, ImmutableArray<ProjectId> projects)
    {
        var items = projects.IsDefault ? [] : projects;
        writer.WriteCount(items.Length);
        foreach (var project in items)
        {
            writer.WriteUInt32(project.Value);
        }
    }

    public static ImmutableArray<ProjectId> ReadProjects(ref CodecReader reader)
    {
        var projects = ImmutableArray.CreateBuilder<ProjectId>(reader.ReadCount(4));
        for (var i = projects.Capacity; i > 0; i--)
        {
            projects.Add(new ProjectId(reader.ReadUInt32()));
        }
        return projects.MoveToImmutable();
    }

    /// <summary>Recent memory, sale memory, open holds: u16 each. Checked where they are used (Apply), not here.</summary>
    public static void WriteMemory(ref CodecWriter writer, CardMemoryLimits memory)
    {
        writer.WriteUInt16(MemoryLimit(memory.RecentMemory));
        writer.WriteUInt16(MemoryLimit(memory.SaleMemory));
        writer.WriteUInt16(MemoryLimit(memory.MaxOpenHolds));
    }

    private static ushort MemoryLimit(int value) =>
        value is >= 0 and <= ushort.MaxValue ? (ushort)value : throw new CodecException("memory limit " + value + " has no encoding");

    public static CardMemoryLimits ReadMemory(ref CodecReader reader) =>
        new(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16());

    /// <summary>Presence byte; then completion id, bonus lot, sale instant, main and bonus returned before (i64).</summary>
    public static void WriteOlderSale(ref CodecWriter writer, OlderSaleRefund? olderSale)
    {
        writer.WriteBool(olderSale.HasValue);
        if (olderSale is { } older)
        {
            writer.WriteTransactionId(older.CaptureId);
            writer.WriteTransactionId(older.BonusLot);
            writer.WriteInstant(older.SaleAt);
            writer.WriteInt64(older.ReturnedMainBefore);
            writer.WriteInt64(older.ReturnedBonusBefore);
        }
    }

    public static OlderSaleRefund? ReadOlderSale(ref CodecReader reader) =>
        reader.ReadBool()
            ? new OlderSaleRefund(reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInstant(), reader.ReadInt64(), reader.ReadInt64())
            : null;

    /// <summary>Lot id (u64), amount (i64), expiry (UTC ticks), scope.</summary>
    public static void WriteLot(ref CodecWriter writer, in BonusLot lot)
    {
        writer.WriteTransactionId(lot.Id);
        writer.WriteInt64(lot.Amount);
        writer.WriteInt64(lot.ExpiresAtTicks);
        WriteScope(ref writer, lot.Scope);
    }

    public static BonusLot ReadLot(ref CodecReader reader)
    {
        var id = reader.ReadTransactionId();
        var amount = reader.ReadInt64();
        var expires = reader.ReadInstant();
        return new BonusLot(id, amount, expires, ReadScope(ref reader));
    }

    public static void WriteLots(ref CodecWriter writer, ImmutableArray<BonusLot> lots)
    {
        var items = lots.IsDefault ? [] : lots;
        writer.WriteCount(items.Length);
        foreach (var lot in items)
        {
            WriteLot(ref writer, lot);
        }
    }

    public static ImmutableArray<BonusLot> ReadLots(ref CodecReader reader)
    {
        var lots = ImmutableArray.CreateBuilder<BonusLot>(reader.ReadCount(8 + 8 + 8 + 1));
        for (var i = lots.Capacity; i > 0; i--)
        {
            lots.Add(ReadLot(ref reader));
        }
        return lots.MoveToImmutable();
    }

    /// <summary>
    /// The enum value itself when it is one the format defines. Checked when writing so that a value
    /// the decoder would refuse is refused on the node that made it, not on the one that receives it.
    /// </summary>
    public static TEnum Defined<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new CodecException(typeof(TEnum).Name + " value " + value + " has no encoding");

    /// <summary>
    /// Minor units (i64), then the currency: ISO 4217 numeric code (u16) and exponent (u8). The
    /// currency travels with every amount because the card checks it against its product's.
    /// </summary>
    public static void WriteMoney(ref CodecWriter writer, Money amount)
    {
        writer.WriteInt64(amount.MinorUnits);
        writer.WriteCurrency(amount.Currency);
    }

    public static Money ReadMoney(ref CodecReader reader)
    {
        var minorUnits = reader.ReadInt64();
        return new Money(minorUnits, reader.ReadCurrency());
    }

    /// <summary>Merchant id (15 bytes), terminal id (8 bytes), category (u16), group (u32), projects, status (u8).</summary>
    public static void WriteMerchantFacts(ref CodecWriter writer, in MerchantFacts merchant)
    {
        writer.WriteMerchantId(merchant.Merchant);
        writer.WriteTerminalId(merchant.Terminal);
        writer.WriteUInt16(merchant.Category.Code);
        writer.WriteUInt32(merchant.Group.Value);
        WriteProjects(ref writer, merchant.Projects);
        writer.WriteByte((byte)Defined(merchant.Status));
    }

    public static MerchantFacts ReadMerchantFacts(ref CodecReader reader) =>
        new(
            reader.ReadMerchantId(),
            reader.ReadTerminalId(),
            new MerchantCategory(reader.ReadUInt16()),
            new MerchantGroupId(reader.ReadUInt32()),
            ReadProjects(ref reader),
            reader.ReadEnum<MerchantStatus>());

    /// <summary>Presence byte; then the facts when present.</summary>
    public static void WriteOptionalMerchantFacts(ref CodecWriter writer, in MerchantFacts? merchant)
    {
        writer.WriteBool(merchant.HasValue);
        if (merchant is { } present)
        {
            WriteMerchantFacts(ref writer, present);
        }
    }

    public static MerchantFacts? ReadOptionalMerchantFacts(ref CodecReader reader) =>
        reader.ReadBool() ? ReadMerchantFacts(ref reader) : null;

    /// <summary>
    /// Presence byte; then sale id, completion id (u64 each), main, bonus (i64), bonus lot (u64),
    /// merchant id, instant, main and bonus returned (i64).
    /// </summary>
    public static void WriteOriginalSale(ref CodecWriter writer, OriginalSale? sale)
    {
        writer.WriteBool(sale is not null);
        if (sale is not null)
        {
            writer.WriteTransactionId(sale.Id);
            writer.WriteTransactionId(sale.CaptureId);
            writer.WriteInt64(sale.Main);
            writer.WriteInt64(sale.Bonus);
            writer.WriteTransactionId(sale.BonusLot);
            writer.WriteMerchantId(sale.Merchant);
            writer.WriteInstant(sale.At);
            writer.WriteInt64(sale.ReturnedMain);
            writer.WriteInt64(sale.ReturnedBonus);
        }
    }

    public static OriginalSale? ReadOriginalSale(ref CodecReader reader) =>
        reader.ReadBool()
            ? new OriginalSale(
                reader.ReadTransactionId(),
                reader.ReadTransactionId(),
                reader.ReadInt64(),
                reader.ReadInt64(),
                reader.ReadTransactionId(),
                reader.ReadMerchantId(),
                reader.ReadInstant(),
                reader.ReadInt64(),
                reader.ReadInt64())
            : null;
}
