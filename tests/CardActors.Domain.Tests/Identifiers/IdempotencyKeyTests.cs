using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Identifiers;

public sealed class IdempotencyKeyTests
{
    // Golden values: journals hold these keys, so the hash must never change.
    [Theory]
    [InlineData("a")]
    [InlineData("order-2026-0001")]
    [InlineData("一卡通-充值-42")]
    public void Client_keys_hash_to_frozen_values(string clientKey)
    {
        var key = IdempotencyKey.FromClientKey(clientKey);
        Assert.Equal(GoldenClientKey(clientKey), key.ToString());
    }

    [Fact]
    public void Chars_and_utf8_bytes_give_the_same_key()
    {
        const string text = "一卡通-充值-42";
        Assert.True(IdempotencyKey.TryFromClientKey(System.Text.Encoding.UTF8.GetBytes(text), out var fromBytes, out _));
        Assert.Equal(IdempotencyKey.FromClientKey(text), fromBytes);
    }

    [Fact]
    public void Nearby_inputs_give_different_keys()
    {
        var keys = new HashSet<IdempotencyKey>();
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(keys.Add(IdempotencyKey.FromClientKey("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        Assert.NotEqual(IdempotencyKey.FromClientKey("ab"), IdempotencyKey.FromClientKey("ab\0"));
    }

    [Fact]
    public void Client_key_errors_name_the_field()
    {
        Assert.False(IdempotencyKey.TryFromClientKey(string.Empty, out _, out var error));
        Assert.Equal(new FieldError("idempotencyKey", "must be 1 to 128 characters"), error);
        Assert.False(IdempotencyKey.TryFromClientKey(new string('x', 129), out _, out error));
        Assert.Equal("idempotencyKey", error.Field);
        Assert.False(IdempotencyKey.TryFromClientKey("\ud800", out _, out error));
        Assert.Equal(new FieldError("idempotencyKey", "must be valid Unicode text"), error);
    }

    [Fact]
    public void Iso_parts_compose_a_stable_key()
    {
        var terminal = TerminalId.Parse("T0000001");
        var key = IdempotencyKey.FromParts(12345678901, terminal, 123456, 0302101530);
        Assert.Equal(key, IdempotencyKey.FromParts(12345678901, terminal, 123456, 0302101530));
        Assert.NotEqual(key, IdempotencyKey.FromParts(12345678901, terminal, 123457, 0302101530));
        Assert.NotEqual(key, IdempotencyKey.FromParts(12345678901, terminal, 123456, 0302101530, "000000000001"u8));
        Assert.Equal(GoldenParts, key.ToString());
        Assert.False(key.IsNone);
    }

    [Fact]
    public void Hashing_is_stable_for_the_empty_input_and_block_boundaries()
    {
        Assert.Equal(GoldenEmpty, Format(StableHash128.Hash([], 0)));
        Assert.Equal(GoldenSixteen, Format(StableHash128.Hash("0123456789abcdef"u8, 0)));
        Assert.Equal(GoldenSeventeen, Format(StableHash128.Hash("0123456789abcdefg"u8, 0)));
    }

    private static string Format((ulong High, ulong Low) hash) => hash.High.ToString("X16", System.Globalization.CultureInfo.InvariantCulture)
        + hash.Low.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    private static string GoldenClientKey(string clientKey) => clientKey switch
    {
        "a" => GoldenA,
        "order-2026-0001" => GoldenOrder,
        _ => GoldenChinese,
    };

    private const string GoldenA = "77F745516B413A9B930B118C10EF9123";
    private const string GoldenOrder = "108ECABEF0F6714A832884A1B04FC98C";
    private const string GoldenChinese = "94A8C72E1028E045E8F8C0E2162CCC55";
    private const string GoldenParts = "5A37EC45D2AD347B4BCBCAA92EB07287";
    private const string GoldenEmpty = "F4AB33D4E0C356F0437E25128F2FEF78";
    private const string GoldenSixteen = "BE12C524A3D6E8120A8048B625A86001";
    private const string GoldenSeventeen = "C7D030A13D5B534FD6C183198F0D40DD";
}
