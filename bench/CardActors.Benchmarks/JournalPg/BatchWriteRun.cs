using System.Diagnostics;
using System.Globalization;
using CardActors.Journal.Postgres;
using CardActors.Runtime.Persistence;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>
/// Batches of n single-event writes by distinct entities (64-byte payloads, entities spread over
/// 1024 shards) written back to back into one partition, for a few seconds: the store's own cost
/// per event at a given batch size, with a real commit per batch. Each entity reuses its write
/// object, as the kernel does, so the store's per-entity knowledge is warm after the first pass.
/// </summary>
internal sealed class BatchWriteRun
{
    private const int Shards = 1024;
    private const int PayloadSize = 64;
    private const int Stride = 7_919; // prime, so cursor × stride walks every entity before repeating
    private readonly JournalWrite[] _writes;
    private readonly string[] _ids;
    private readonly long[] _sequenceNrs;
    private readonly byte[] _payload = new byte[PayloadSize];
    private long _cursor;

    public BatchWriteRun(int entities, int seed)
    {
        _writes = new JournalWrite[entities];
        _ids = new string[entities];
        _sequenceNrs = new long[entities];
        new Random(seed).NextBytes(_payload);
        for (var entity = 0; entity < entities; entity++)
        {
            _ids[entity] = "card|62" + entity.ToString("D10", CultureInfo.InvariantCulture);
            _writes[entity] = new JournalWrite(IgnoreCompletion.Instance);
        }
    }

    public static async Task RunAsync(JournalPgOptions options)
    {
        foreach (var mode in new[] { PostgresWriteMode.Copy, PostgresWriteMode.Insert })
        {
            foreach (var batchSize in new[] { 1, 10, 100, 300, 1000, 3000, 8000 })
            {
                await using var schema = await BenchSchema.CreateAsync(options.ConnectionString, "bench_journal_pg");
                await using var store = new PostgresJournal(schema.Options(mode, partitions: 1));
                await store.InitializeAsync(CancellationToken.None);
                var run = new BatchWriteRun(options.Entities, options.Seed);
                var (perSecond, cpuMicros) = await run.MeasureAsync(store.Partitions[0], batchSize, options.CaseDuration);
                var name = mode == PostgresWriteMode.Copy ? "copy" : "insert";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal-pg mode={name} batch={batchSize} events_per_s={perSecond:F0}"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal-pg mode={name} batch={batchSize}: client_cpu_us_per_event={cpuMicros:F2}"));
            }
        }
    }

    private async Task<(double EventsPerSecond, double CpuMicrosPerEvent)> MeasureAsync(IJournal journal, int batchSize, TimeSpan duration)
    {
        var batch = new JournalWrite[Math.Min(batchSize, _writes.Length)];
        long events = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            Fill(batch);
            await journal.WriteAsync(batch, CancellationToken.None);
            foreach (var write in batch)
            {
                if (write.Status != WriteStatus.Written)
                {
                    throw new InvalidOperationException($"{write.PersistenceId}@{write.FromSequenceNr}: {write.Status} {write.Error}");
                }
            }

            events += batch.Length;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (events / elapsed.TotalSeconds, cpu.TotalMicroseconds / events);
    }

    private void Fill(JournalWrite[] batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            var entity = (int)(_cursor++ * Stride % _writes.Length);
            var write = _writes[entity];
            write.Reset();
            write.Begin(_ids[entity], entity % Shards, ++_sequenceNrs[entity]);
            _payload.CopyTo(write.GetSpan(PayloadSize));
            write.Advance(PayloadSize);
            write.EndEvent();
            batch[i] = write;
        }
    }

    private sealed class IgnoreCompletion : IJournalWriteOwner
    {
        public static readonly IgnoreCompletion Instance = new();

        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }
}
