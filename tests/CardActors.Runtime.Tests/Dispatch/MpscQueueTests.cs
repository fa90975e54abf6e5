using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Tests.Dispatch;

public sealed class MpscQueueTests
{
    private sealed class Item(int producer, int sequence) : LinkedNode<Item>
    {
        public int Producer { get; } = producer;

        public int Sequence { get; } = sequence;
    }

    private sealed class Holder
    {
        public MpscQueue<Item> Queue;
    }

    [Fact]
    public void Dequeues_in_enqueue_order_for_one_producer()
    {
        var holder = new Holder();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(holder.Queue.TryEnqueue(new Item(0, i)));
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i, holder.Queue.TryDequeue()!.Sequence);
        }

        Assert.Null(holder.Queue.TryDequeue());
        Assert.False(holder.Queue.HasItems);
    }

    [Fact]
    public void Keeps_each_producers_order_while_the_consumer_races_them()
    {
        var holder = new Holder();
        ProducerRace.Run(4, 50_000, (p, i) => holder.Queue.TryEnqueue(new Item(p, i)),
            () => holder.Queue.TryDequeue() is { } item ? (item.Producer, item.Sequence) : null);
    }

    [Fact]
    public void Close_returns_everything_queued_in_order_and_refuses_later_pushes()
    {
        var holder = new Holder();
        holder.Queue.TryEnqueue(new Item(0, 0));
        holder.Queue.TryEnqueue(new Item(0, 1));
        Assert.Equal(0, holder.Queue.TryDequeue()!.Sequence); // 1 is now in the consumer's private list
        holder.Queue.TryEnqueue(new Item(0, 2));

        var rest = holder.Queue.Close();
        var sequences = new List<int>();
        for (var node = rest; node is not null; node = node.Next)
        {
            sequences.Add(node.Sequence);
        }

        Assert.Equal([1, 2], sequences);
        Assert.False(holder.Queue.TryEnqueue(new Item(0, 3)));
        Assert.True(holder.Queue.IsClosed);
        Assert.Null(holder.Queue.TryDequeue());
        Assert.False(holder.Queue.HasItems);
    }
}
