using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Tests.Dispatch;

public sealed class MpscRingTests
{
    private sealed record Item(int Producer, int Sequence);

    [Fact]
    public void Rounds_its_capacity_up_to_a_power_of_two()
    {
        Assert.Equal(8, new MpscRing<Item>(5).Capacity);
        Assert.Equal(8, new MpscRing<Item>(8).Capacity);
        Assert.Equal(5, new MpscRing<Item>(5).Limit);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MpscRing<Item>(0));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Refuses_when_full_and_keeps_order_across_many_wraps(int limit)
    {
        var ring = new MpscRing<Item>(limit);
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 1_000; round++)
        {
            while (ring.TryEnqueue(new Item(0, next)))
            {
                next++;
            }

            Assert.Equal(limit, next - expected); // full means exactly the capacity asked for is waiting
            Assert.Equal(limit, ring.Count);
            Assert.True(ring.IsFull);
            var take = 1 + (round % limit);
            for (var i = 0; i < take; i++)
            {
                Assert.Equal(expected++, ring.TryDequeue()!.Sequence);
            }
        }

        while (ring.TryDequeue() is { } item)
        {
            Assert.Equal(expected++, item.Sequence);
        }

        Assert.Equal(next, expected);
        Assert.False(ring.HasItems);
        Assert.Equal(0, ring.Count);
        Assert.False(ring.IsFull);
    }

    [Fact]
    public void Keeps_each_producers_order_and_loses_nothing_while_producers_race_a_small_ring()
    {
        var ring = new MpscRing<Item>(64);
        ProducerRace.Run(4, 50_000,
            (p, i) =>
            {
                var item = new Item(p, i);
                var spin = new SpinWait();
                while (!ring.TryEnqueue(item))
                {
                    spin.SpinOnce(); // full: the consumer frees slots
                }
            },
            () => ring.TryDequeue() is { } item ? (item.Producer, item.Sequence) : null);
        Assert.Null(ring.TryDequeue());
    }
}
