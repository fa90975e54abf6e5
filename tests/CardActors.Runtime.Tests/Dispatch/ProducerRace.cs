namespace CardActors.Runtime.Tests.Dispatch;

/// <summary>
/// Producers on their own threads, started together, each enqueueing numbered items, while this
/// thread consumes: asserts that each producer's items arrive in its order and that none is lost.
/// </summary>
internal static class ProducerRace
{
    /// <param name="enqueue">Enqueues (producer, sequence); it may spin when the queue is full.</param>
    /// <param name="dequeue">The next (producer, sequence), or null when nothing is there yet.</param>
    public static void Run(int producers, int perProducer, Action<int, int> enqueue, Func<(int Producer, int Sequence)?> dequeue)
    {
        using var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                enqueue(p, i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();

        var next = new int[producers];
        var received = 0;
        while (received < producers * perProducer)
        {
            if (dequeue() is { } item)
            {
                Assert.Equal(next[item.Producer], item.Sequence);
                next[item.Producer]++;
                received++;
            }
        }

        threads.ForEach(t => t.Join());
        Assert.All(next, n => Assert.Equal(perProducer, n));
    }
}
