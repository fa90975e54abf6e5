using BenchmarkDotNet.Attributes;
using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using CardActors.TestKit.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Benchmarks.Kernel;

/// <summary>
/// An entity command through the whole kernel: decide, apply, encode, group commit into the
/// in-memory journal, reply. Sequential shows one command's path; concurrent shows batching.
/// </summary>
[MemoryDiagnoser]
public class EntityBenchmarks
{
    private const int Commands = 50_000;
    private const int Accounts = 10_000;
    private static readonly Credit One = new(1);
    private ActorSystem _system = null!;
    private JournalWriterGroup _writer = null!;
    private ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply> _region = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = new ActorSystem();
        var journal = new InMemoryJournal();
        _writer = new JournalWriterGroup(journal, new JournalWriterSettings(), _system.Time, NullLogger.Instance);
        _region = new ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply>(
            _system, TestKit.Accounts.Accounts.Type, journal, _writer, new EntitySettings());
        for (var account = 0; account < Accounts; account++)
        {
            _region.Ask(account, One).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _region.Dispose();
        _writer.Dispose();
        _system.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public async Task<long> Sequential()
    {
        long sum = 0;
        for (var i = 0; i < Commands; i++)
        {
            sum += (await _region.Ask(i % Accounts, One)).Balance;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public async Task<long> Concurrent1024()
    {
        var workers = new Task<long>[1024];
        for (var w = 0; w < workers.Length; w++)
        {
            var first = w;
            workers[w] = Task.Run(async () =>
            {
                long sum = 0;
                for (var i = 0; i < Commands / 1024; i++)
                {
                    sum += (await _region.Ask((first + (i * 1024)) % Accounts, One)).Balance;
                }

                return sum;
            });
        }

        long total = 0;
        foreach (var sum in await Task.WhenAll(workers))
        {
            total += sum;
        }

        return total;
    }
}
