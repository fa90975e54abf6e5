using System.Buffers;
using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The binary form of a <see cref="CardProduct"/>, embedded in catalog events and snapshots and
/// fit for copies between nodes. Version 1: version byte, id (u32), name, currency (u16 code, u8
/// exponent), denominations (count, i64 each), identity (u8), balance cap as set (optional i64),
/// validity months (optional i32), per-transaction and daily amount limits (optional i64), daily
/// count limit (optional i32), scope lists, spending order (u8), hold expiry, idempotency window
/// and refund window (ticks), extension (optional: months i32, fee i64), dormancy months
/// (optional i32). An optional field is a presence byte, then the value when present. Amounts are
/// minor units of the product currency; a product holding another currency cannot be encoded.
/// Version 2 (written now) adds, at the end, the memory terms: recent memory, sale memory and
/// open holds (u16 each); version 1 is read with their defaults.
/// </summary>
public static class CardProductCodec
{
    public const byte Version1 = 1;
    public const byte Version2 = 2;

    public static int Encode(CardProduct product, IBufferWriter<byte> output)
    {
        var writer = new CodecWriter(output);
        Write(ref writer, product);
        return writer.Commit();
    }

    public static CardProduct Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var product = Read(ref reader);
        reader.EnsureEnd();
        return product;
    }

    internal static void Write(ref CodecWriter writer, CardProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var currency = product.Currency;
        writer.WriteByte(Version2);
        writer.WriteUInt32(product.Id.Value);
        writer.WriteString(product.Name);
        writer.WriteCurrency(currency);
        var denominations = product.Denominations.IsDefault ? [] : product.Denominations;
        writer.WriteCount(denominations.Length);
        foreach (var denomination in denominations)
        {
            writer.WriteInt64(MinorUnits(denomination, currency, "denominations"));
        }
        writer.WriteByte((byte)product.Identity);
        WriteOptional(ref writer, product.ExplicitBalanceCap, currency, "balanceCap");
        WriteOptional(ref writer, product.ValidityMonths);
        WriteOptional(ref writer, product.PerTransactionLimit, currency, "perTransactionLimit");
        WriteOptional(ref writer, product.DailyAmountLimit, currency, "dailyAmountLimit");
        WriteOptional(ref writer, product.DailyCountLimit);
        CardValueCodec.WriteScopeLists(ref writer, product.Scope ?? throw new CodecException("card product: scope must be set"));
        writer.WriteByte((byte)product.SpendingOrder);
        writer.WriteDuration(product.HoldExpiry);
        writer.WriteDuration(product.IdempotencyWindow);
        writer.WriteDuration(product.RefundWindow);
        writer.WriteBool(product.Extension is not null);
        if (product.Extension is { } extension)
        {
            writer.WriteInt32(extension.MonthsAdded);
            writer.WriteInt64(MinorUnits(extension.Fee, currency, "extension.fee"));
        }
        WriteOptional(ref writer, product.DormancyMonths);
        CardValueCodec.WriteMemory(ref writer, product.Memory);
    }

    internal static CardProduct Read(ref CodecReader reader)
    {
        var version = reader.ReadByte();
        if (version is not (Version1 or Version2))
        {
            throw new CodecException("card product: unknown version " + version);
        }
        var id = new ProductId(reader.ReadUInt32());
        var name = reader.ReadString();
        var currency = reader.ReadCurrency();
        var denominations = ImmutableArray.CreateBuilder<Money>(reader.ReadCount());
        for (var i = denominations.Capacity; i > 0; i--)
        {
            denominations.Add(new Money(reader.ReadInt64(), currency));
        }
        return new CardProduct
        {
            Id = id,
            Name = name,
            Currency = currency,
            Denominations = denominations.MoveToImmutable(),
            Identity = reader.ReadEnum<CardholderIdentity>(),
            ExplicitBalanceCap = ReadOptionalMoney(ref reader, currency),
            ValidityMonths = ReadOptionalInt32(ref reader),
            PerTransactionLimit = ReadOptionalMoney(ref reader, currency),
            DailyAmountLimit = ReadOptionalMoney(ref reader, currency),
            DailyCountLimit = ReadOptionalInt32(ref reader),
            Scope = CardValueCodec.ReadScopeLists(ref reader),
            SpendingOrder = reader.ReadEnum<SpendingOrder>(),
            HoldExpiry = reader.ReadDuration(),
            IdempotencyWindow = reader.ReadDuration(),
            RefundWindow = reader.ReadDuration(),
            Extension = reader.ReadBool() ? new ExtensionPolicy(reader.ReadInt32(), new Money(reader.ReadInt64(), currency)) : null,
            DormancyMonths = ReadOptionalInt32(ref reader),
            RecentMemory = version == Version1 ? CardMemoryLimits.DefaultMemory : reader.ReadUInt16(),
            SaleMemory = version == Version1 ? CardMemoryLimits.DefaultMemory : reader.ReadUInt16(),
            MaxOpenHolds = version == Version1 ? CardMemoryLimits.DefaultMaxOpenHolds : reader.ReadUInt16(),
        };
    }

    private static long MinorUnits(Money amount, Currency currency, string field) =>
        amount.Currency == currency ? amount.MinorUnits : throw new CodecException("card product: " + field + " must be in the product currency");

    private static void WriteOptional(ref CodecWriter writer, Money? amount, Currency currency, string field)
    {
        writer.WriteBool(amount.HasValue);
        if (amount is { } value)
        {
            writer.WriteInt64(MinorUnits(value, currency, field));
        }
    }

    private static void WriteOptional(ref CodecWriter writer, int? value)
    {
        writer.WriteBool(value.HasValue);
        if (value is { } present)
        {
            writer.WriteInt32(present);
        }
    }

    private static Money? ReadOptionalMoney(ref CodecReader reader, Currency currency) =>
        reader.ReadBool() ? new Money(reader.ReadInt64(), currency) : null;

    private static int? ReadOptionalInt32(ref CodecReader reader) => reader.ReadBool() ? reader.ReadInt32() : null;
}
