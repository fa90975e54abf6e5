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
        Assert.Throws<ArgumentOutOfRangeException>(() => new MpscRing<Item>(0));
    }

    [Fact]
    public void Refuses_when_full_and_keeps_order_across_many_wraps()
    {
        var ring = new MpscRing<Item>(4);
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 1_000; round++)
        {
            while (ring.TryEnqueue(new Item(0, next)))
            {
                next++;
            }

            Assert.Equal(4, next - expected); // full means exactly its capacity is waiting
            var take = 1 + (round % 4);
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
