using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using CardActors.TestKit.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Benchmarks.Quick;

/// <summary>
/// Debits against 100,000 balance entities through the whole kernel — ask, mailbox, decide, apply,
/// group commit into the in-memory journal, reply — with thousands of asks outstanding.
/// </summary>
internal static class KernelAuthRun
{
    public static async Task<string> RunAsync(QuickOptions options)
    {
        using var system = new ActorSystem();
        var journal = new InMemoryJournal(options.ReserveBytes);
        using var writer = new JournalWriterGroup(Enumerable.Repeat<IJournal>(journal, options.Partitions).ToArray(), new JournalWriterSettings(), system.Time, NullLogger.Instance);
        using var region = new ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply>(
            system, Accounts.Type, journal, writer, new EntitySettings());

        var fund = new Credit(long.MaxValue / 4);
        for (long key = 0; key < options.Entities; key += 1024)
        {
            var batch = new List<Task>(1024);
            for (var k = key; k < Math.Min(key + 1024, options.Entities); k++)
            {
                batch.Add(region.Ask(k, fund).AsTask());
            }

            await Task.WhenAll(batch);
        }

        var result = await ClosedLoopDriver.RunAsync(options, journal, (key, _) => region.Ask(key, Debit1));
        return result.Line("kernel-auth");
    }

    private static readonly Debit Debit1 = new(1);
}
