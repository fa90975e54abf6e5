using System.Security.Cryptography;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

public sealed class MacTests
{
    private static readonly byte[] KeyBytes = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 ^ i * 7)).ToArray();

    [Fact]
    public void Mac_is_the_first_8_bytes_of_hmac_sha256()
    {
        var key = new MacKey(KeyBytes);
        var data = "The quick brown fox jumps over the lazy dog"u8.ToArray();
        using var hmac = new HMACSHA256(KeyBytes);
        var expected = hmac.ComputeHash(data)[..8];

        var mac = new byte[8];
        Iso8583Mac.Compute(key, data, mac);

        Assert.Equal(expected, mac);
        Assert.True(Iso8583Mac.Verify(key, data, expected));
        Assert.False(Iso8583Mac.Verify(key, data, expected.AsSpan(0, 7)));
    }

    [Fact]
    public void Known_answer_for_the_standard_hmac_test_vector()
    {
        // RFC 4231 test case 2 uses a short key; the first 8 bytes of its HMAC-SHA256 are 5bdcc146bf60754e.
        // The same computation with a 32-byte key is checked against System.Security.Cryptography below.
        using var hmac = new HMACSHA256("Jefe"u8.ToArray());
        Assert.Equal("5BDCC146BF60754E", Convert.ToHexString(hmac.ComputeHash("what do ya want for nothing?"u8.ToArray())[..8]));

        var key = new MacKey(KeyBytes);
        var body = Samples.Frame(Samples.All.Single(s => s.Name == "0200 purchase").Build, mac: false)[2..];
        using var direct = new HMACSHA256(KeyBytes);
        var writer = new byte[256];
        using var builder = new Iso8583MessageBuilder();
        Samples.All.Single(s => s.Name == "0200 purchase").Build(builder);
        var length = builder.WriteTo(writer, key);
        var covered = writer[..(length - 8)];
        Assert.Equal(direct.ComputeHash(covered)[..8], writer[(length - 8)..length]);
        Assert.Equal(body.Length + 8, length);
    }

    [Fact]
    public void One_key_used_from_many_threads_at_once_gives_the_right_macs()
    {
        var key = new MacKey(KeyBytes);
        var inputs = Enumerable.Range(0, 2_000).Select(i => BitConverter.GetBytes(i * 7919L)).ToArray();
        var expected = inputs.Select(input => HMACSHA256.HashData(KeyBytes, input)[..8]).ToArray();
        var actual = new byte[inputs.Length][];

        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = new byte[8];
            Iso8583Mac.Compute(key, inputs[i], actual[i]);
        });

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(MacedNames))]
    public void Any_changed_bit_is_detected(string name)
    {
        var body = Samples.Frame(name)[2..];
        using var message = new Iso8583Message();
        var parsedTampered = 0;
        for (var i = 0; i < body.Length; i++)
        {
            for (var bit = 0; bit < 8; bit += 3)
            {
                var tampered = body.ToArray();
                tampered[i] ^= (byte)(1 << bit);
                if (message.TryParse(tampered, out _))
                {
                    parsedTampered++;
                    Assert.False(Iso8583Mac.Verify(message, Samples.Key), $"{name}: byte {i} bit {bit} went unnoticed");
                }
            }
        }

        Assert.True(parsedTampered > 0);
    }

    [Fact]
    public void Terminal_keys_rotate_without_a_gap()
    {
        var ring = new TerminalKeyRing();
        var oldKey = Samples.Key;
        var newKey = new MacKey(KeyBytes);
        using var message = new Iso8583Message();
        var underOld = Samples.Frame("0200 purchase")[2..];
        Assert.True(message.TryParse(underOld, out _));

        Assert.Equal(MacVerification.UnknownTerminal, Iso8583Mac.Verify(message, ring, out _));
        ring.Install("TERM0001"u8, oldKey);
        Assert.Equal(MacVerification.Valid, Iso8583Mac.Verify(message, ring, out var used));
        Assert.Same(oldKey, used);

        ring.Install("TERM0001"u8, newKey);
        Assert.Equal(MacVerification.ValidWithPreviousKey, Iso8583Mac.Verify(message, ring, out used));
        Assert.Same(oldKey, used);

        ring.RetirePrevious("TERM0001"u8);
        Assert.Equal(MacVerification.Invalid, Iso8583Mac.Verify(message, ring, out used));
        Assert.Null(used);

        Assert.True(message.TryParse(Samples.Frame("0800 echo without MAC").AsMemory(2), out _));
        Assert.Equal(MacVerification.Missing, Iso8583Mac.Verify(message, ring, out _));
        Assert.True(ring.Remove("TERM0001"u8));
        Assert.Equal(MacVerification.UnknownTerminal, Iso8583Mac.Verify(message, ring, out _));
    }

    [Fact]
    public void Keys_are_exactly_32_bytes_and_never_printed()
    {
        Assert.Throws<ArgumentException>(() => new MacKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => new MacKey(new byte[33]));
        var key = MacKey.FromHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        Assert.DoesNotContain("0001", key.ToString(), StringComparison.Ordinal);
        var copy = new byte[32];
        key.CopyTo(copy);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), copy);
    }

    public static IEnumerable<object[]> MacedNames() =>
        Samples.All.Where(s => s.Mac).Select(s => new object[] { s.Name });
}
