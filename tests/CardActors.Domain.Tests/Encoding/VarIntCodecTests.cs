using System.Buffers;
using CardActors.Domain.Encoding;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>Variable-length integers: the shortest form only, every 64-bit value, and bad bytes refused.</summary>
public sealed class VarIntCodecTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "80 01")]
    [InlineData(16_383UL, "FF 7F")]
    [InlineData(16_384UL, "80 80 01")]
    [InlineData(ulong.MaxValue, "FF FF FF FF FF FF FF FF FF 01")]
    public void Unsigned_values_have_one_documented_form(ulong value, string hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CodecWriter(buffer);
        writer.WriteVarUInt64(value);
        Assert.Equal(hex.Split(' ').Length, writer.Commit());
        var bytes = buffer.WrittenSpan.ToArray();
        Assert.Equal(CardEventGoldenTests.Hex(hex), bytes);
        var reader = new CodecReader(bytes);
        Assert.Equal(value, reader.ReadVarUInt64());
        reader.EnsureEnd();
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "80 01")]
    [InlineData(long.MaxValue, "FE FF FF FF FF FF FF FF FF 01")]
    [InlineData(long.MinValue, "FF FF FF FF FF FF FF FF FF 01")]
    public void Signed_values_are_zigzagged(long value, string hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CodecWriter(buffer);
        writer.WriteVarInt64(value);
        writer.Commit();
        var bytes = buffer.WrittenSpan.ToArray();
        Assert.Equal(CardEventGoldenTests.Hex(hex), bytes);
        var reader = new CodecReader(bytes);
        Assert.Equal(value, reader.ReadVarInt64());
    }

    [Theory]
    [InlineData("80")]                               // truncated
    [InlineData("80 00")]                            // longer than needed
    [InlineData("FF FF FF FF FF FF FF FF FF 02")]    // beyond 64 bits
    [InlineData("FF FF FF FF FF FF FF FF FF 81 00")] // eleven bytes
    public void Bad_forms_are_refused(string hex)
    {
        var bytes = CardEventGoldenTests.Hex(hex);
        Assert.Throws<CodecException>(() =>
        {
            var reader = new CodecReader(bytes);
            reader.ReadVarUInt64();
        });
    }

    [Fact]
    public void Random_values_round_trip_next_to_fixed_fields()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var i = 0; i < 10_000; i++)
        {
            var value = (long)random.NextInt64() >> random.Next(64);
            // A small output span each time: fields cross from one span to the next.
            var buffer = new ArrayBufferWriter<byte>(1);
            var writer = new CodecWriter(buffer);
            writer.WriteByte(0xAB);
            writer.WriteVarInt64(value);
            writer.WriteInt32(7);
            writer.Commit();
            var bytes = buffer.WrittenSpan.ToArray();
            var reader = new CodecReader(bytes);
            Assert.Equal(0xAB, reader.ReadByte());
            Assert.True(value == reader.ReadVarInt64(), $"seed {seed}: {value}");
            Assert.Equal(7, reader.ReadInt32());
            reader.EnsureEnd();
        }
    }
}
