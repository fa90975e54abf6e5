using BenchmarkDotNet.Attributes;
using CardActors.Runtime.Actors;

namespace CardActors.Benchmarks.Kernel;

/// <summary>
/// Ask round trip to a plain actor: one ask at a time (latency of the path, with the synchronous
/// fast path when the actor is idle), and many outstanding at once (throughput).
/// </summary>
[MemoryDiagnoser]
public class AskBenchmarks
{
    private const int Asks = 100_000;
    private ActorSystem _system = null!;
    private ActorRef<int, int> _echo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = new ActorSystem();
        _echo = _system.Spawn("echo", new EchoActor());
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    [Benchmark(OperationsPerInvoke = Asks)]
    public async Task<int> Sequential()
    {
        var sum = 0;
        for (var i = 0; i < Asks; i++)
        {
            sum += await _echo.Ask(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Asks)]
    public async Task<int> Concurrent256()
    {
        var workers = new Task<int>[256];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var sum = 0;
                for (var i = 0; i < Asks / 256; i++)
                {
                    sum += await _echo.Ask(i);
                }

                return sum;
            });
        }

        var total = 0;
        foreach (var sum in await Task.WhenAll(workers))
        {
            total += sum;
        }

        return total;
    }

    private sealed class EchoActor : Actor<int, int>
    {
        protected override void Receive(in Delivery<int, int> delivery) => delivery.Reply(delivery.Message);
    }
}
