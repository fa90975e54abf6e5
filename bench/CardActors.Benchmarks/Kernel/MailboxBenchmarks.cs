using BenchmarkDotNet.Attributes;
using CardActors.Runtime.Actors;

namespace CardActors.Benchmarks.Kernel;

/// <summary>
/// Mailbox throughput: messages told to actors and processed, per message. One sender to one actor
/// measures the queue and the turn; several actors show scheduling across the pool's threads.
/// </summary>
[MemoryDiagnoser]
public class MailboxBenchmarks
{
    private const int Messages = 200_000;
    private ActorSystem _system = null!;
    private ActorRef<long, long>[] _actors = null!;
    private CountingActor[] _counters = null!;

    [Params(1, 16)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = new ActorSystem();
        _counters = Enumerable.Range(0, Actors).Select(_ => new CountingActor()).ToArray();
        _actors = _counters.Select((c, i) => _system.Spawn("counter-" + i, c)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Tell()
    {
        var perActor = Messages / Actors;
        foreach (var counter in _counters)
        {
            counter.Expect(perActor);
        }

        for (var i = 0; i < perActor; i++)
        {
            foreach (var actor in _actors)
            {
                actor.Tell(i);
            }
        }

        foreach (var counter in _counters)
        {
            counter.Done.Wait();
        }
    }

    private sealed class CountingActor : Actor<long, long>
    {
        private long _remaining;

        public ManualResetEventSlim Done { get; } = new();

        public void Expect(long count)
        {
            Done.Reset();
            _remaining = count;
        }

        protected override void Receive(in Delivery<long, long> delivery)
        {
            if (--_remaining == 0)
            {
                Done.Set();
            }
        }
    }
}
