using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>
/// The wire format of card commands and replies between nodes: every command round trips with all
/// its fields, the layout is pinned by hand-written bytes, and malformed input of any kind is a
/// <see cref="CodecException"/>, never another exception the transport would not expect.
/// </summary>
public sealed class CardCommandCodecTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 15, 123, TimeSpan.Zero);
    private static readonly TransactionId Tx = new(0xFEDCBA9876543210);
    private static readonly IdempotencyKey Key = new(0x0123456789ABCDEF, 0xFFFFFFFFFFFFFFFF);
    private static readonly CardNumber Card = CardNumber.Parse("0012345678901237");
    private static readonly CardNumber OtherCard = CardNumber.Parse("4111111111111111");
    private static readonly MerchantId Merchant = MerchantId.Parse("SHOP 0000000001");
    private static readonly TerminalId Terminal = TerminalId.Parse("POS-0042");
    private static readonly Currency Yen = Currency.Create(392, 0);
    private static readonly UsageScope Scope = new([new MerchantCategory(5812), new MerchantCategory(5411)], [new MerchantGroupId(3)], [new ProjectId(9)]);

    private static readonly MerchantFacts Facts =
        new(Merchant, Terminal, new MerchantCategory(5812), new MerchantGroupId(3), [new ProjectId(9), new ProjectId(uint.MaxValue)], MerchantStatus.Suspended);

    private static readonly MerchantFacts BareFacts = new(default, default, default, default, [], MerchantStatus.None);

    private static readonly OriginalSale Sale =
        new(new TransactionId(20), new TransactionId(21), 1_000, 250, new TransactionId(22), Merchant, At.AddDays(-40), 100, 50);

    /// <summary>At least one fully populated instance of every command, and the variants of its optional parts.</summary>
    private static CardCommand[] Samples() =>
    [
        new IssueCard(Tx, Key, Card, new ProductId(uint.MaxValue), new HolderId(ulong.MaxValue), Money.Fen(10_000)),
        new IssueCard(Tx, Key, Card, new ProductId(1), default, new Money(long.MaxValue, Yen)),
        new ActivateCard(),
        new TopUp(Tx, Key, Money.Fen(1), TopUpChannel.BankTransfer),
        new TopUp(Tx, Key, Money.Yuan(50), TopUpChannel.Counter, Facts),
        new GrantBonus(Tx, Key, Money.Fen(500), At.AddDays(3), null),
        // The offset is not kept, the instant is: DateTimeOffset compares instants.
        new GrantBonus(Tx, Key, Money.Fen(500), At.ToOffset(TimeSpan.FromHours(8)), Scope),
        new Authorize(Tx, Key, Money.Fen(1_234), Facts),
        new Capture(Tx, Key, new TransactionId(4), Money.Fen(1_000), Facts),
        new Capture(Tx, Key, new TransactionId(4), new Money(long.MinValue, Yen), BareFacts),
        new Purchase(Tx, Key, Money.Fen(99), Facts),
        new Reverse(Tx, Key, new TransactionId(8), new IdempotencyKey(5, 6)),
        new Reverse(Tx, Key, TransactionId.None, IdempotencyKey.None),
        new Refund(Tx, Key, new TransactionId(9), new IdempotencyKey(7, 8), Money.Fen(300), Facts),
        new Refund(Tx, Key, new TransactionId(20), new IdempotencyKey(7, 8), Money.Fen(300), Facts, Sale),
        new ExpireHolds(),
        new InquireBalance(),
        new Freeze(),
        new Unfreeze(),
        new ReportLost(),
        new Replace(Tx, Key, OtherCard),
        new ReceiveTransfer(
            Tx, Card, OtherCard, new ProductId(7), new HolderId(42), At.AddYears(2), 3_000,
            [new BonusLot(new TransactionId(12), 50, At.AddDays(1), Scope), new BonusLot(new TransactionId(13), 60, At.AddDays(2), null)]),
        new ReceiveTransfer(Tx, Card, OtherCard, new ProductId(7), default, null, 0, []),
        new ConfirmTransferOut(Tx),
        new Extend(Tx, Key),
        new Close(Tx, Key),
    ];

    public static TheoryData<CardCommand> EveryCommand() => [.. Samples()];

    private static CardReply[] Replies() =>
    [
        new(ResponseCode.Approved, Tx, 1_000, 1_000, 0, 9_000, 500, 9_500, DeclineReason.None),
        new(ResponseCode.Approved, Tx, 300, 0, 300, 9_300, 500, 9_800, DeclineReason.None, Repeated: true),
        new(ResponseCode.InsufficientFunds, Tx, 0, 0, 0, 10, 0, 10, DeclineReason.InsufficientFunds),
        new(ResponseCode.InvalidTransaction, new TransactionId(3), 0, 0, 0, 0, 0, 0, DeclineReason.SaleNotInMemory, Repeated: true),
        new(ResponseCode.SystemMalfunction, TransactionId.None, long.MinValue, long.MaxValue, -1, long.MaxValue, long.MinValue, 0, DeclineReason.BalanceOverflow),
    ];

    public static TheoryData<CardReply> EveryReply() => [.. Replies()];

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Every_command_survives_encode_and_decode(CardCommand command)
    {
        var bytes = Encode(command);
        var decoded = CardCommandCodec.Decode(bytes);
        AssertSameValue(command, decoded, command.GetType().Name);
        Assert.Equal(bytes, Encode(decoded));
    }

    [Fact]
    public void Every_card_command_type_has_a_sample_that_round_trips()
    {
        var types = typeof(CardCommand).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CardCommand).IsAssignableFrom(type))
            .ToArray();
        var samples = Samples();
        var missing = types.Where(type => !samples.Any(sample => sample.GetType() == type)).Select(type => type.Name).ToArray();
        Assert.True(
            missing.Length == 0,
            "card commands with no sample here (add one, a CardCommandTag and a case in CardCommandCodec): " + string.Join(", ", missing));
        foreach (var sample in samples)
        {
            AssertSameValue(sample, CardCommandCodec.Decode(Encode(sample)), sample.GetType().Name);
        }
    }

    [Fact]
    public void Every_tag_is_used_and_names_its_command()
    {
        var tags = Samples().Select(command => ((CardCommandTag)Encode(command)[0], command.GetType().Name)).Distinct().ToArray();
        Assert.Equal(Enum.GetValues<CardCommandTag>().Order(), tags.Select(t => t.Item1).Order());
        Assert.All(tags, t => Assert.Equal(t.Item1.ToString(), t.Name));
    }

    [Fact]
    public void Encode_returns_the_bytes_it_wrote_after_what_the_buffer_held()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write<byte>([0xAA, 0xBB]);
        var written = CardCommandCodec.Encode(Samples()[0], buffer);
        Assert.Equal(buffer.WrittenCount - 2, written);
        Assert.Equal(Encode(Samples()[0]), buffer.WrittenSpan[2..].ToArray());
    }

    [Fact]
    public void A_purchase_has_a_stable_layout()
    {
        var purchase = new Purchase(
            new TransactionId(0x30), new IdempotencyKey(0, 0x31), Money.Fen(1_000),
            new MerchantFacts(Merchant, Terminal, new MerchantCategory(5812), new MerchantGroupId(3), [new ProjectId(9)]));
        var expected = CardEventGoldenTests.Hex(
            "07 01"                                                        // Purchase, version 1
            + " 30 00 00 00 00 00 00 00"                                   // transaction id
            + " 00 00 00 00 00 00 00 00 31 00 00 00 00 00 00 00"           // key high, low
            + " E8 03 00 00 00 00 00 00 9C 00 02"                          // 1000 minor units of 156, exponent 2
            + " 53 48 4F 50 20 30 30 30 30 30 30 30 30 30 31"              // "SHOP 0000000001"
            + " 50 4F 53 2D 30 30 34 32"                                   // "POS-0042"
            + " B4 16 03 00 00 00"                                         // category 5812, group 3
            + " 01 00 09 00 00 00"                                         // one project: 9
            + " 01");                                                      // active
        Assert.Equal(expected, Encode(purchase));
        AssertSameValue(purchase, CardCommandCodec.Decode(expected), nameof(Purchase));
    }

    [Fact]
    public void A_refund_with_its_sale_from_the_journal_has_a_stable_layout()
    {
        var refund = new Refund(
            new TransactionId(0x40), new IdempotencyKey(0, 0x41), new TransactionId(0x10), IdempotencyKey.None, Money.Fen(300), BareFacts,
            new OriginalSale(new TransactionId(0x10), new TransactionId(0x11), 1_000, 200, new TransactionId(0x12), Merchant, DateTimeOffset.UnixEpoch, 100, 0));
        var expected = CardEventGoldenTests.Hex(
            "09 01"                                                        // Refund, version 1
            + " 40 00 00 00 00 00 00 00"                                   // transaction id
            + " 00 00 00 00 00 00 00 00 41 00 00 00 00 00 00 00"           // key
            + " 10 00 00 00 00 00 00 00"                                   // original id
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"           // no original key
            + " 2C 01 00 00 00 00 00 00 9C 00 02"                          // 300 CNY
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"              // no merchant id
            + " 00 00 00 00 00 00 00 00"                                   // no terminal
            + " 00 00 00 00 00 00 00 00"                                   // no category, group, projects
            + " 00"                                                        // status none
            + " 01"                                                        // the sale is present
            + " 10 00 00 00 00 00 00 00 11 00 00 00 00 00 00 00"           // sale id, completion id
            + " E8 03 00 00 00 00 00 00 C8 00 00 00 00 00 00 00"           // main 1000, bonus 200
            + " 12 00 00 00 00 00 00 00"                                   // bonus lot
            + " 53 48 4F 50 20 30 30 30 30 30 30 30 30 30 31"              // "SHOP 0000000001"
            + " 00 80 B5 F7 F5 7F 9F 08"                                   // at the Unix epoch
            + " 64 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");         // 100 main, 0 bonus returned before
        Assert.Equal(expected, Encode(refund));
        AssertSameValue(refund, CardCommandCodec.Decode(expected), nameof(Refund));
    }

    [Fact]
    public void Empty_input_is_truncated()
    {
        var error = Assert.Throws<CodecException>(() => CardCommandCodec.Decode([]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(255)]
    public void An_unknown_tag_is_refused(byte tag)
    {
        var error = Assert.Throws<CodecException>(() => CardCommandCodec.Decode([tag, CardCommandCodec.Version1]));
        Assert.Contains("tag " + tag, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void An_unknown_version_is_refused(CardCommand command)
    {
        var bytes = Encode(command);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            bytes[1] = version;
            var error = Assert.Throws<CodecException>(() => CardCommandCodec.Decode(bytes));
            Assert.Contains("unknown version " + version, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Every_truncation_is_refused(CardCommand command)
    {
        var bytes = Encode(command);
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<CodecException>(() => CardCommandCodec.Decode(bytes.AsSpan(0, length)));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void A_trailing_byte_is_refused(CardCommand command)
    {
        var error = Assert.Throws<CodecException>(() => CardCommandCodec.Decode([.. Encode(command), 0]));
        Assert.Contains("trailing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_fields_are_refused()
    {
        var topUp = Encode(new TopUp(Tx, Key, Money.Fen(1), TopUpChannel.Online));
        const int Channel = 2 + 8 + 16 + 8 + 3;
        Assert.Throws<CodecException>(() => CardCommandCodec.Decode([.. topUp.AsSpan(0, Channel), 9, .. topUp.AsSpan(Channel + 1)]));
        const int CurrencyCode = 2 + 8 + 16 + 8;
        Assert.Throws<CodecException>(() => CardCommandCodec.Decode([.. topUp.AsSpan(0, CurrencyCode), 0, 0, .. topUp.AsSpan(CurrencyCode + 2)]));
        const int MerchantPresent = Channel + 1;
        Assert.Throws<CodecException>(() => CardCommandCodec.Decode([.. topUp.AsSpan(0, MerchantPresent), 2]));
    }

    /// <summary>Random corruption of valid encodings: whatever decodes must be a command, whatever does not a CodecException.</summary>
    [Fact]
    public void Corrupted_input_decodes_or_raises_only_codec_exceptions()
    {
        var random = new Random(20_260_302);
        foreach (var sample in Samples())
        {
            var valid = Encode(sample);
            for (var run = 0; run < 300; run++)
            {
                var bytes = (byte[])valid.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                try
                {
                    Assert.NotNull(CardCommandCodec.Decode(bytes));
                }
                catch (CodecException)
                {
                }
            }
        }
        for (var run = 0; run < 2_000; run++)
        {
            var bytes = new byte[random.Next(2, 200)];
            random.NextBytes(bytes);
            bytes[0] = (byte)random.Next(1, 20);
            bytes[1] = CardCommandCodec.Version1;
            try
            {
                Assert.NotNull(CardCommandCodec.Decode(bytes));
            }
            catch (CodecException)
            {
            }
        }
    }

    [Fact]
    public void A_value_the_decoder_would_refuse_is_not_encoded()
    {
        Assert.Throws<CodecException>(() => Encode(new TopUp(Tx, Key, Money.Fen(1), default)));
        Assert.Throws<CodecException>(() => Encode(new Purchase(Tx, Key, Money.Fen(1), Facts with { Status = (MerchantStatus)9 })));
        Assert.Throws<ArgumentNullException>(() => CardCommandCodec.Encode(null!, new ArrayBufferWriter<byte>()));
        Assert.Throws<CodecException>(() => CardReplyCodec.Encode(Replies()[0] with { Code = (ResponseCode)1 }, new ArrayBufferWriter<byte>()));
        Assert.Throws<CodecException>(() => CardReplyCodec.Encode(Replies()[0] with { Reason = (DeclineReason)250 }, new ArrayBufferWriter<byte>()));
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void Every_reply_survives_encode_and_decode(CardReply reply)
    {
        var bytes = Encode(reply);
        Assert.Equal(CardReplyCodec.Version1Length, bytes.Length);
        var decoded = CardReplyCodec.Decode(bytes);
        Assert.Equal(reply, decoded);
        Assert.Equal(reply.Repeated, decoded.Repeated);
        Assert.Equal(reply.Detail, decoded.Detail);
        Assert.Equal(bytes, Encode(decoded));
    }

    [Fact]
    public void A_repeated_decline_has_a_stable_layout()
    {
        var reply = new CardReply(ResponseCode.InsufficientFunds, new TransactionId(0x0102030405060708), 0, 0, 0, 1_000, 500, 1_500, DeclineReason.InsufficientFunds, Repeated: true);
        var expected = CardEventGoldenTests.Hex(
            "01"                                                           // version 1
            + " 33"                                                        // response code 51
            + " 08 07 06 05 04 03 02 01"                                   // transaction id
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"           // approved, captured
            + " 00 00 00 00 00 00 00 00"                                   // refunded
            + " E8 03 00 00 00 00 00 00 F4 01 00 00 00 00 00 00"           // main 1000, bonus 500
            + " DC 05 00 00 00 00 00 00"                                   // available 1500
            + " 18"                                                        // decline reason 24
            + " 01");                                                      // repeated
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(expected.Length, CardReplyCodec.Encode(reply, buffer));
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(reply, CardReplyCodec.Decode(expected));
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void Malformed_replies_are_refused(CardReply reply)
    {
        var bytes = Encode(reply);
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = Assert.Throws<CodecException>(() => CardReplyCodec.Decode(bytes.AsSpan(0, length)));
            Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        }
        var trailing = Assert.Throws<CodecException>(() => CardReplyCodec.Decode([.. bytes, 0]));
        Assert.Contains("trailing", trailing.Message, StringComparison.Ordinal);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            var unknown = Assert.Throws<CodecException>(() => CardReplyCodec.Decode([version, .. bytes.AsSpan(1)]));
            Assert.Contains("unknown version " + version, unknown.Message, StringComparison.Ordinal);
        }
        Assert.Throws<CodecException>(() => CardReplyCodec.Decode([1, 1, .. bytes.AsSpan(2)]));                        // no response code 1
        Assert.Throws<CodecException>(() => CardReplyCodec.Decode([.. bytes.AsSpan(0, bytes.Length - 2), 250, bytes[^1]])); // no reason 250
        Assert.Throws<CodecException>(() => CardReplyCodec.Decode([.. bytes.AsSpan(0, bytes.Length - 1), 2]));          // repeated is 0 or 1
    }

    private static byte[] Encode(CardCommand command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(CardCommandCodec.Encode(command, buffer), buffer.WrittenCount);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Encode(in CardReply reply)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(CardReplyCodec.Encode(reply, buffer), buffer.WrittenCount);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Record equality, except that an ImmutableArray (lots, a merchant's projects) is compared by
    /// its elements: the record's own equality compares the arrays by reference.
    /// </summary>
    private static void AssertSameValue(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, path + ": expected " + (expected ?? "null") + ", got " + (actual ?? "null"));
            return;
        }
        var type = expected.GetType();
        Assert.Equal(type, actual.GetType());
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var expectedItems = ((IEnumerable)expected).Cast<object?>().ToArray();
            var actualItems = ((IEnumerable)actual).Cast<object?>().ToArray();
            Assert.True(expectedItems.Length == actualItems.Length, path + ": " + expectedItems.Length + " items expected, got " + actualItems.Length);
            for (var i = 0; i < expectedItems.Length; i++)
            {
                AssertSameValue(expectedItems[i], actualItems[i], path + "[" + i + "]");
            }
            return;
        }
        // Records (class or struct) have a compiler-made PrintMembers; their properties are their value.
        if (type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is not null)
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                if (property.GetIndexParameters().Length == 0)
                {
                    AssertSameValue(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
                }
            }
            return;
        }
        Assert.True(expected.Equals(actual), path + ": expected " + expected + ", got " + actual);
    }
}
