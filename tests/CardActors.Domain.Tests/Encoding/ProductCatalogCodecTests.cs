using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>Hand-written layouts of card products, catalog events and the catalog snapshot.</summary>
public sealed class ProductCatalogCodecTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private const string EpochTicks = "00 80 B5 F7 F5 7F 9F 08";

    /// <summary>Every optional field empty: real-name so that no expiry is allowed, no extension.</summary>
    internal static CardProduct Bare => new()
    {
        Id = new ProductId(7),
        Name = "Staff",
        Identity = CardholderIdentity.RealName,
        ValidityMonths = null,
        Extension = null,
    };

    internal const string BareHex =
        "02"                                   // product format version 2
        + " 07 00 00 00"                       // id 7
        + " 05 00 53 74 61 66 66"              // "Staff"
        + " 9C 00 02"                          // CNY 156, exponent 2
        + " 00 00"                             // no denominations
        + " 02"                                // real-name
        + " 00 00 00 00 00"                    // cap (default), validity, per-transaction, daily amount, daily count: none
        + " 00 00 00 00 00 00"                 // scope: anywhere
        + " 01"                                // main purse first
        + " 00 40 E4 28 80 05 00 00"           // hold expiry 7 days
        + " 00 C0 69 2A C9 00 00 00"           // idempotency window 24 h
        + " 00 80 64 F8 92 17 00 00"           // refund window 30 days
        + " 00"                                // no extension
        + " 00"                                // no dormancy
        + " 20 00 20 00 20 00";                // memory: 32 transactions, 32 sales, 32 open holds (the defaults)

    /// <summary>The same product as written before the memory terms (version 1): read with their defaults.</summary>
    internal const string BareV1Hex =
        "01 07 00 00 00 05 00 53 74 61 66 66 9C 00 02 00 00 02 00 00 00 00 00 00 00 00 00 00 00 01"
        + " 00 40 E4 28 80 05 00 00 00 C0 69 2A C9 00 00 00 00 80 64 F8 92 17 00 00 00 00";

    /// <summary>Every optional field set.</summary>
    internal static CardProduct Full => new()
    {
        Id = new ProductId(9),
        Name = "Campus",
        Denominations = [Money.Yuan(50), Money.Yuan(100)],
        Identity = CardholderIdentity.Anonymous,
        BalanceCap = Money.Yuan(800),
        ValidityMonths = 24,
        PerTransactionLimit = Money.Yuan(200),
        DailyAmountLimit = Money.Yuan(500),
        DailyCountLimit = 20,
        Scope = new UsageScope([new MerchantCategory(5812)], [new MerchantGroupId(3)], [new ProjectId(1), new ProjectId(2)]),
        SpendingOrder = SpendingOrder.BonusFirst,
        HoldExpiry = TimeSpan.FromDays(3),
        IdempotencyWindow = TimeSpan.FromHours(12),
        RefundWindow = TimeSpan.FromDays(60),
        Extension = new ExtensionPolicy(12, Money.Fen(500)),
        DormancyMonths = 18,
        RecentMemory = 16,
        SaleMemory = 64,
        MaxOpenHolds = 8,
    };

    internal const string FullHex =
        "02"
        + " 09 00 00 00"                                       // id 9
        + " 06 00 43 61 6D 70 75 73"                           // "Campus"
        + " 9C 00 02"                                          // CNY
        + " 02 00 88 13 00 00 00 00 00 00 10 27 00 00 00 00 00 00" // denominations 5000, 10000
        + " 01"                                                // anonymous
        + " 01 80 38 01 00 00 00 00 00"                        // cap 80000
        + " 01 18 00 00 00"                                    // validity 24 months
        + " 01 20 4E 00 00 00 00 00 00"                        // per transaction 20000
        + " 01 50 C3 00 00 00 00 00 00"                        // daily amount 50000
        + " 01 14 00 00 00"                                    // daily count 20
        + " 01 00 B4 16"                                       // categories [5812]
        + " 01 00 03 00 00 00"                                 // groups [3]
        + " 02 00 01 00 00 00 02 00 00 00"                     // projects [1, 2]
        + " 02"                                                // bonus purse first
        + " 00 40 3D 7F 5B 02 00 00"                           // hold expiry 3 days
        + " 00 E0 34 95 64 00 00 00"                           // idempotency window 12 h
        + " 00 00 C9 F0 25 2F 00 00"                           // refund window 60 days
        + " 01 0C 00 00 00 F4 01 00 00 00 00 00 00"            // extension: 12 months for 500
        + " 01 12 00 00 00"                                    // dormancy 18 months
        + " 10 00 40 00 08 00";                                // memory: 16 transactions, 64 sales, 8 open holds

    private static byte[] Hex(string spaced) => CardEventGoldenTests.Hex(spaced);

    private static byte[] EncodeProduct(CardProduct product)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(CardProductCodec.Encode(product, buffer), buffer.WrittenCount);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] EncodeEvent(ProductCatalogEvent catalogEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(ProductCatalogEventCodec.Encode(catalogEvent, buffer), buffer.WrittenCount);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_product_with_no_optional_field_has_a_stable_layout()
    {
        Assert.Equal(Hex(BareHex), EncodeProduct(Bare));
        var decoded = CardProductCodec.Decode(Hex(BareHex));
        Assert.True(decoded.HasSameTermsAs(Bare));
        Assert.Null(decoded.ValidityMonths);
        Assert.Null(decoded.Extension);
        Assert.Null(decoded.PerTransactionLimit);
        Assert.Equal(Money.Fen(CardProduct.DefaultRealNameCapFen), decoded.BalanceCap);
        Assert.True(decoded.Scope.IsAnywhere);
        Assert.Empty(decoded.Validate());
    }

    [Fact]
    public void A_product_with_every_optional_field_has_a_stable_layout()
    {
        Assert.Equal(Hex(FullHex), EncodeProduct(Full));
        var decoded = CardProductCodec.Decode(Hex(FullHex));
        Assert.True(decoded.HasSameTermsAs(Full));
        Assert.Equal(new[] { Money.Yuan(50), Money.Yuan(100) }, decoded.Denominations.ToArray());
        Assert.Equal(Money.Yuan(800), decoded.BalanceCap);
        Assert.Equal(24, decoded.ValidityMonths);
        Assert.Equal(Money.Yuan(200), decoded.PerTransactionLimit);
        Assert.Equal(Money.Yuan(500), decoded.DailyAmountLimit);
        Assert.Equal(20, decoded.DailyCountLimit);
        Assert.Equal(Full.Scope, decoded.Scope);
        Assert.Equal(SpendingOrder.BonusFirst, decoded.SpendingOrder);
        Assert.Equal(TimeSpan.FromDays(3), decoded.HoldExpiry);
        Assert.Equal(TimeSpan.FromHours(12), decoded.IdempotencyWindow);
        Assert.Equal(TimeSpan.FromDays(60), decoded.RefundWindow);
        Assert.Equal(new ExtensionPolicy(12, Money.Fen(500)), decoded.Extension);
        Assert.Equal(18, decoded.DormancyMonths);
        Assert.Equal(new CardMemoryLimits(16, 64, 8), decoded.Memory);
        Assert.Empty(decoded.Validate());
    }

    [Fact]
    public void A_product_written_before_the_memory_terms_reads_with_their_defaults()
    {
        var decoded = CardProductCodec.Decode(Hex(BareV1Hex));
        Assert.True(decoded.HasSameTermsAs(Bare));
        Assert.Equal(CardMemoryLimits.Default, decoded.Memory);
        Assert.Equal(Hex(BareHex), EncodeProduct(decoded));
        var catalog = ProductCatalogEventCodec.Decode(Hex("01 01 " + EpochTicks + " " + BareV1Hex));
        Assert.Equal(CardMemoryLimits.Default, Assert.IsType<ProductDefined>(catalog).Product.Memory);
    }

    [Fact]
    public void Other_currencies_round_trip_and_a_foreign_amount_cannot_be_encoded()
    {
        var yen = Currency.Create(392, 0);
        var product = new CardProduct
        {
            Id = new ProductId(3), Name = "円", Currency = yen, PerTransactionLimit = Money.FromMajor(5_000, yen), Extension = new ExtensionPolicy(6, Money.FromMajor(100, yen)),
        };
        var decoded = CardProductCodec.Decode(EncodeProduct(product));
        Assert.Equal(yen, decoded.Currency);
        Assert.Equal(Money.FromMajor(5_000, yen), decoded.PerTransactionLimit);
        Assert.Equal(new Money(CardProduct.DefaultAnonymousCapFen, yen), decoded.BalanceCap);
        Assert.Equal(Money.FromMajor(100, yen), decoded.Extension!.Fee);
        Assert.True(decoded.HasSameTermsAs(product));
        Assert.Empty(decoded.Validate());
        // The default extension's fee is in CNY: such a product is invalid and has no encoding.
        Assert.Throws<CodecException>(() => EncodeProduct(new CardProduct { Id = new ProductId(3), Name = "x", Currency = yen }));
    }

    [Fact]
    public void Catalog_events_have_a_stable_layout()
    {
        var defined = Hex("01 01 " + EpochTicks + " " + BareHex);
        Assert.Equal(defined, EncodeEvent(new ProductDefined(Epoch, Bare)));
        var decoded = Assert.IsType<ProductDefined>(ProductCatalogEventCodec.Decode(defined));
        Assert.Equal(Epoch, decoded.At);
        Assert.True(decoded.Product.HasSameTermsAs(Bare));

        var revised = Hex("02 01 " + EpochTicks + " " + FullHex);
        Assert.Equal(revised, EncodeEvent(new ProductRevised(Epoch, Full)));
        var decodedRevision = Assert.IsType<ProductRevised>(ProductCatalogEventCodec.Decode(revised));
        Assert.True(decodedRevision.Product.HasSameTermsAs(Full));
    }

    [Fact]
    public void Unknown_tags_versions_enum_values_truncation_and_trailing_bytes_are_rejected()
    {
        var defined = Hex("01 01 " + EpochTicks + " " + BareHex);
        Assert.Throws<CodecException>(() => ProductCatalogEventCodec.Decode([3, .. defined.AsSpan(1)]));
        Assert.Throws<CodecException>(() => ProductCatalogEventCodec.Decode([1, 2, .. defined.AsSpan(2)]));
        Assert.Throws<CodecException>(() => ProductCatalogEventCodec.Decode(defined.AsSpan(0, defined.Length - 1)));
        Assert.Throws<CodecException>(() => ProductCatalogEventCodec.Decode([.. defined, 0]));
        var product = Hex(BareHex);
        Assert.Throws<CodecException>(() => CardProductCodec.Decode([3, .. product.AsSpan(1)]));
        Assert.Throws<CodecException>(() => CardProductCodec.Decode(product.AsSpan(0, product.Length - 2)));
        var badIdentity = product.ToArray();
        badIdentity[1 + 4 + 7 + 3 + 2] = 3;
        Assert.Throws<CodecException>(() => CardProductCodec.Decode(badIdentity));
        var badCurrency = product.ToArray();
        badCurrency[1 + 4 + 7 + 2] = 9;
        Assert.Throws<CodecException>(() => CardProductCodec.Decode(badCurrency));
    }

    [Fact]
    public void The_catalog_snapshot_has_a_stable_layout_and_round_trips()
    {
        var state = new ProductCatalogState();
        state.Apply(new ProductDefined(Epoch, Full));
        state.Apply(new ProductDefined(Epoch, Bare));
        state.Apply(new ProductRevised(Epoch, Bare));
        var expected = Hex(
            "01"                                   // snapshot version 1
            + " 03 00 00 00 00 00 00 00"           // catalog version 3
            + " 02 00"                             // two products, in id order
            + " " + BareHex
            + " " + FullHex);
        var buffer = new ArrayBufferWriter<byte>();
        ProductCatalogSnapshotCodec.Encode(state, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());

        var restored = ProductCatalogSnapshotCodec.Decode(expected);
        Assert.Equal(3, restored.Version);
        Assert.Equal(new uint[] { 7, 9 }, restored.All.Select(p => p.Id.Value).ToArray());
        Assert.True(restored.Find(new ProductId(9))!.HasSameTermsAs(Full));

        var empty = new ArrayBufferWriter<byte>();
        ProductCatalogSnapshotCodec.Encode(new ProductCatalogState(), empty);
        Assert.Equal(Hex("01 00 00 00 00 00 00 00 00 00 00"), empty.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_snapshot_out_of_id_order_or_of_an_unknown_version_fails_fast()
    {
        var unordered = Hex("01 02 00 00 00 00 00 00 00 02 00 " + FullHex + " " + BareHex);
        Assert.Throws<CodecException>(() => ProductCatalogSnapshotCodec.Decode(unordered));
        var repeated = Hex("01 02 00 00 00 00 00 00 00 02 00 " + BareHex + " " + BareHex);
        Assert.Throws<CodecException>(() => ProductCatalogSnapshotCodec.Decode(repeated));
        Assert.Throws<CodecException>(() => ProductCatalogSnapshotCodec.Decode(Hex("02 00 00 00 00 00 00 00 00 00 00")));
        Assert.Throws<CodecException>(() => ProductCatalogSnapshotCodec.Decode(Hex("01 00 00 00 00 00 00 00 00 01 00")));
    }
}
