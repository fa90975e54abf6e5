using System.Diagnostics;
using System.Globalization;
using CardActors.Journal.Postgres;
using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using CardActors.TestKit.Accounts;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>
/// The kernel's real path over the PostgreSQL store: many asks outstanding against balance entities
/// of a shard region (ask, mailbox, decide, persist through the partitions' group-commit writers,
/// reply after the commit). Every successful debit is one event made durable, so replies per second
/// are events per second.
/// </summary>
internal static class GroupCommitRun
{
    private static readonly Debit Debit1 = new(1);

    public static async Task RunAsync(JournalPgOptions options)
    {
        await using var schema = await BenchSchema.CreateAsync(options.ConnectionString, "bench_journal_pg_gc");
        await using var store = new PostgresJournal(schema.Options(options.GroupCommitMode, options.Partitions));
        await store.InitializeAsync(CancellationToken.None);
        using var log = new FirstErrorsLogger();
        using var system = new ActorSystem(new ActorSystemSettings { AskTimeout = TimeSpan.FromSeconds(30) }, loggerFactory: log);
        using var writers = new JournalWriterGroup(store.Partitions, new JournalWriterSettings(), system.Time, log);
        using var region = new ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply>(
            system, Accounts.Type, store, writers, new EntitySettings());

        var fundingStarted = Stopwatch.GetTimestamp();
        var fund = new Credit(long.MaxValue / 4);
        for (long key = 0; key < options.Entities; key += 4096)
        {
            var funding = new List<Task<AccountReply>>(4096);
            for (var k = key; k < Math.Min(key + 4096, options.Entities); k++)
            {
                funding.Add(region.Ask(k, fund).AsTask());
            }

            foreach (var reply in await Task.WhenAll(funding))
            {
                if (reply.Outcome != AccountOutcome.Ok)
                {
                    throw new InvalidOperationException($"funding failed: {reply.Outcome}");
                }
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal-pg group-commit: {options.Entities} entities recovered and funded in {Stopwatch.GetElapsedTime(fundingStarted).TotalSeconds:F1} s"));
        var phase = new Phase();
        var workers = Enumerable.Range(0, options.Outstanding)
            .Select(i => Task.Run(() => WorkAsync(region, options.Seed + i, options.Entities, phase)))
            .ToArray();
        await Task.Delay(options.WarmUp);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        phase.Measuring = true;
        await Task.Delay(options.Duration);
        phase.Measuring = false;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        phase.Stopping = true;
        var counts = await Task.WhenAll(workers);
        var events = counts.Sum(c => c.Ok);
        var failed = counts.Sum(c => c.Failed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal-pg group-commit events_per_s={events / elapsed.TotalSeconds:F0}"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal-pg group-commit: mode={(options.GroupCommitMode == PostgresWriteMode.Copy ? "copy" : "insert")} partitions={options.Partitions} outstanding={options.Outstanding} entities={options.Entities} failed={failed} client_cpu_us_per_event={(events == 0 ? 0 : cpu.TotalMicroseconds / events):F2}"));
    }

    private static async Task<(long Ok, long Failed)> WorkAsync(
        ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply> region, int seed, int entities, Phase phase)
    {
        var random = new SplitMix64(seed);
        long ok = 0, failed = 0;
        while (!phase.Stopping)
        {
            var reply = await region.Ask(random.NextBelow(entities), Debit1);
            if (phase.Measuring)
            {
                _ = reply.Outcome == AccountOutcome.Ok ? ok++ : failed++;
            }
        }

        return (ok, failed);
    }

    private sealed class Phase
    {
        public volatile bool Measuring;
        public volatile bool Stopping;
    }
}
