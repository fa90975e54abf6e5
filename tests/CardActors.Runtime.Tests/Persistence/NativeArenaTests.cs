using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Tests.Persistence;

/// <summary>
/// The in-memory journal's arena hands out positions that stay valid for its life; a reservation
/// only changes where its chunks come from, never what is stored or where it can be read.
/// </summary>
public sealed class NativeArenaTests
{
    private const int Chunk = 4 << 20;

    [Fact]
    public void A_reservation_is_whole_chunks_taken_before_fresh_ones_and_counts_nothing_as_used()
    {
        var arena = new NativeArena();
        arena.Reserve(Chunk + 1);

        Assert.Equal(2L * Chunk, arena.ReservedBytes);
        Assert.Equal(0, arena.UsedBytes);

        arena.Allocate(100, out _);
        Assert.Equal(1L * Chunk, arena.ReservedBytes);
        Assert.Equal(100, arena.UsedBytes);

        arena.Allocate(Chunk - 100, out _); // fills the first chunk exactly
        arena.Allocate(1, out var third);
        Assert.Equal(0, arena.ReservedBytes);
        Assert.Equal(1L << 32, third); // the second chunk, offset 0

        arena.Allocate(Chunk, out var fresh); // nothing reserved is left: a chunk made now
        Assert.Equal(2L << 32, fresh);
        Assert.Equal(2L * Chunk + 1, arena.UsedBytes);
    }

    [Fact]
    public void What_is_written_into_reserved_and_fresh_chunks_reads_back_the_same()
    {
        var reserved = new NativeArena();
        reserved.Reserve(Chunk);
        var plain = new NativeArena();
        var random = new Random(20261123);
        var records = new List<byte[]>();
        for (var i = 0; i < 600; i++)
        {
            var bytes = new byte[random.Next(1, 20_000)]; // 600 records of up to 20 KB run past the reserved chunk
            random.NextBytes(bytes);
            records.Add(bytes);
        }

        foreach (var arena in new[] { reserved, plain })
        {
            var positions = records.Select(r =>
            {
                r.CopyTo(arena.Allocate(r.Length, out var position));
                return position;
            }).ToList();

            for (var i = 0; i < records.Count; i++)
            {
                Assert.True(arena.From(positions[i])[..records[i].Length].SequenceEqual(records[i]), $"record {i} differs");
            }

            Assert.Equal(records.Sum(r => (long)r.Length), arena.UsedBytes);
        }
    }

    [Fact]
    public void A_negative_reservation_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativeArena().Reserve(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryJournal(-1));
    }
}
