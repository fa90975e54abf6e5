using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>Seeded random products through the product codec: same terms back, same bytes again.</summary>
public sealed class CardProductRoundTripTests
{
    private static byte[] Encode(CardProduct product)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CardProductCodec.Encode(product, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Random_products_round_trip_field_for_field()
    {
        const int seed = 20_260_302;
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var product = RandomProduct(random);
            var bytes = Encode(product);
            var decoded = CardProductCodec.Decode(bytes);
            Assert.True(decoded.HasSameTermsAs(product), "seed " + seed + ", product " + i + " decoded to other terms");
            Assert.True(bytes.AsSpan().SequenceEqual(Encode(decoded)), "seed " + seed + ", product " + i + " encodes differently");
        }
    }

    private static CardProduct RandomProduct(Random random)
    {
        Money? Amount() => random.Next(2) == 0 ? null : Money.Fen(random.NextInt64(1, 10_000_000));
        int? Months() => random.Next(2) == 0 ? null : random.Next(1, 241);
        var identity = random.Next(2) == 0 ? CardholderIdentity.Anonymous : CardholderIdentity.RealName;
        var product = new CardProduct
        {
            Id = new ProductId((uint)random.NextInt64(1, uint.MaxValue)),
            Name = new string((char)random.Next('A', 'Z' + 1), random.Next(1, 40)) + (random.Next(2) == 0 ? "卡" : string.Empty),
            Denominations = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Money.Yuan(random.Next(1, 1_000)))],
            Identity = identity,
            ValidityMonths = Months(),
            PerTransactionLimit = Amount(),
            DailyAmountLimit = Amount(),
            DailyCountLimit = random.Next(2) == 0 ? null : random.Next(1, 1_000),
            Scope = new UsageScope(
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new MerchantCategory((ushort)random.Next(1, 10_000)))],
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new MerchantGroupId((uint)random.Next()))],
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new ProjectId((uint)random.Next()))]),
            SpendingOrder = random.Next(2) == 0 ? SpendingOrder.MainFirst : SpendingOrder.BonusFirst,
            HoldExpiry = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 31)),
            IdempotencyWindow = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 7)),
            RefundWindow = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 366)),
            Extension = random.Next(2) == 0 ? null : new ExtensionPolicy(random.Next(1, 121), Money.Fen(random.Next(0, 10_000))),
            DormancyMonths = Months(),
            RecentMemory = random.Next(CardMemoryLimits.MinMemory, CardMemoryLimits.MaxMemory + 1),
            SaleMemory = random.Next(CardMemoryLimits.MinMemory, CardMemoryLimits.MaxMemory + 1),
            MaxOpenHolds = random.Next(CardMemoryLimits.MinOpenHolds, CardMemoryLimits.MaxOpenHoldsLimit + 1),
        };
        return Amount() is { } cap ? WithCap(product, cap) : product;
    }

    /// <summary>A copy with the balance cap set explicitly (an init-only term cannot be left out conditionally).</summary>
    private static CardProduct WithCap(CardProduct p, Money cap) => new()
    {
        Id = p.Id, Name = p.Name, Currency = p.Currency, Denominations = p.Denominations, Identity = p.Identity, BalanceCap = cap,
        ValidityMonths = p.ValidityMonths, PerTransactionLimit = p.PerTransactionLimit, DailyAmountLimit = p.DailyAmountLimit,
        DailyCountLimit = p.DailyCountLimit, Scope = p.Scope, SpendingOrder = p.SpendingOrder, HoldExpiry = p.HoldExpiry,
        IdempotencyWindow = p.IdempotencyWindow, RefundWindow = p.RefundWindow, Extension = p.Extension, DormancyMonths = p.DormancyMonths,
        RecentMemory = p.RecentMemory, SaleMemory = p.SaleMemory, MaxOpenHolds = p.MaxOpenHolds,
    };
}
