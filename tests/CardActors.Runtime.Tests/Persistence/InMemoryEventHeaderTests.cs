using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Tests.Persistence;

/// <summary>
/// The in-memory journal's event header is written in variable-length fields and points back to the
/// entity's previous event by distance; whatever the numbers, it must read back exactly.
/// </summary>
public sealed class InMemoryEventHeaderTests
{
    private const long StripeTag = 1L << 56;

    public static TheoryData<int, long, long, long, long> Edges => new()
    {
        { 0, 1, 0, -1, 0 },                                           // an entity's first event: no previous
        { int.MaxValue, long.MaxValue, long.MaxValue, 0, 5 },
        { 99_999, 3, 638_900_000_000_000_000, 15 * StripeTag, 2 * StripeTag }, // previous in a later stripe
        { 12, 200, DateTime.MaxValue.Ticks, 7L << 32 | 4_000_000, (9L << 32) | 12 },
        { 1, 2, 0, 0, long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Reads_back_what_it_wrote(int entity, long sequenceNr, long ticks, long previous, long position) =>
        AssertRoundTrip(new InMemoryEventHeader(entity, sequenceNr, ticks, previous), position, payloadLength: 61);

    [Fact]
    public void Reads_back_random_headers_exactly()
    {
        const int seed = 20261123;
        var random = new Random(seed);
        for (var i = 0; i < 10_000; i++)
        {
            var header = new InMemoryEventHeader(random.Next(), random.NextInt64(1, long.MaxValue), random.NextInt64(), random.NextInt64(-1, long.MaxValue));
            var position = random.NextInt64();
            try
            {
                AssertRoundTrip(header, position, random.Next(0, 1 << 20));
            }
            catch
            {
                Console.WriteLine($"seed {seed}, case {i}: {header} at {position}");
                throw;
            }
        }
    }

    [Fact]
    public void A_busy_entitys_header_is_about_half_the_fixed_layout()
    {
        var header = new InMemoryEventHeader(Entity: 73_421, SequenceNr: 412, Ticks: 638_900_000_000_000_000, Previous: (3L << 56) | (40L << 32) | 1_234_567);
        var span = new byte[InMemoryEventHeader.MaxSize];

        var length = header.Write(span, payloadLength: 61, position: (3L << 56) | (42L << 32) | 3_000_000);

        Assert.InRange(length, 17, 20); // the fixed layout took 32 bytes
    }

    [Fact]
    public void The_arena_takes_back_the_unused_end_of_its_latest_allocation_only()
    {
        var arena = new NativeArena();
        arena.Allocate(40, out var first);
        arena.GiveBack(15);
        arena.Allocate(8, out var second);

        Assert.Equal(first + 25, second);
        Assert.Throws<ArgumentOutOfRangeException>(() => arena.GiveBack(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => arena.GiveBack(-1));
    }

    private static void AssertRoundTrip(InMemoryEventHeader header, long position, int payloadLength)
    {
        var span = new byte[InMemoryEventHeader.MaxSize];
        var written = header.Write(span, payloadLength, position);

        var read = InMemoryEventHeader.Read(span, position, out var headerLength, out var readPayloadLength);

        Assert.Equal(header, read);
        Assert.Equal(written, headerLength);
        Assert.Equal(payloadLength, readPayloadLength);
        Assert.InRange(written, 1, InMemoryEventHeader.MaxSize);
    }
}
