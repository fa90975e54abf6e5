using System.Collections.Immutable;
using CardActors.Domain.Cards;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>Encodings of composite values shared by the card event and snapshot formats.</summary>
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
        var categories = ImmutableArray.CreateBuilder<MerchantCategory>(reader.ReadCount());
        for (var i = categories.Capacity; i > 0; i--)
        {
            categories.Add(new MerchantCategory(reader.ReadUInt16()));
        }
        var groups = ImmutableArray.CreateBuilder<MerchantGroupId>(reader.ReadCount());
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
        var projects = ImmutableArray.CreateBuilder<ProjectId>(reader.ReadCount());
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
        var lots = ImmutableArray.CreateBuilder<BonusLot>(reader.ReadCount());
        for (var i = lots.Capacity; i > 0; i--)
        {
            lots.Add(ReadLot(ref reader));
        }
        return lots.MoveToImmutable();
    }
}
