using CardActors.Runtime.Sharding;

namespace CardActors.Runtime.Tests.Sharding;

public sealed class EntityTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_adds_and_removes_agree_with_a_dictionary(int seed)
    {
        var random = new Random(seed);
        var table = new EntityTable<long, Entry>();
        var expected = new Dictionary<long, Entry>();
        for (var step = 0; step < 200_000; step++)
        {
            // Few distinct hash values force long probe runs and backward shifts across the wrap.
            var key = random.NextInt64(5_000);
            var hash = (ulong)(key % 97) * 0x9E3779B97F4A7C15UL;
            if (expected.TryGetValue(key, out var present))
            {
                Assert.True(table.Remove(hash, present), $"seed {seed}, step {step}: {key} was not removed");
                expected.Remove(key);
            }
            else
            {
                var entry = new Entry(key);
                table.Add(hash, entry);
                expected.Add(key, entry);
            }

            if (step % 1_000 == 0)
            {
                foreach (var (k, e) in expected)
                {
                    Assert.Same(e, table.Find((ulong)(k % 97) * 0x9E3779B97F4A7C15UL, k));
                }
            }
        }

        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected.Values.OrderBy(e => e.Key), table.Snapshot().OrderBy(e => e.Key));
        for (long key = 0; key < 5_000; key++)
        {
            var found = table.Find((ulong)(key % 97) * 0x9E3779B97F4A7C15UL, key);
            Assert.Equal(expected.GetValueOrDefault(key), found);
        }
    }

    [Fact]
    public void Removing_an_entity_that_is_not_there_changes_nothing()
    {
        var table = new EntityTable<long, Entry>();
        var kept = new Entry(1);
        table.Add(7, kept);

        Assert.False(table.Remove(7, new Entry(1)));
        Assert.Same(kept, table.Find(7, 1));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void The_table_grows_and_shrinks_with_its_entities()
    {
        var table = new EntityTable<long, Entry>();
        var entries = Enumerable.Range(0, 100_000).Select(i => new Entry(i)).ToArray();
        foreach (var entry in entries)
        {
            table.Add((ulong)entry.Key * 0x9E3779B97F4A7C15UL, entry);
        }

        foreach (var entry in entries.Take(99_000))
        {
            Assert.True(table.Remove((ulong)entry.Key * 0x9E3779B97F4A7C15UL, entry));
        }

        Assert.Equal(1_000, table.Count);
        foreach (var entry in entries.Skip(99_000))
        {
            Assert.Same(entry, table.Find((ulong)entry.Key * 0x9E3779B97F4A7C15UL, entry.Key));
        }
    }

    internal sealed record Entry(long Key) : IEntityTableEntry<long>;
}
