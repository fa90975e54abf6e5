using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CardActors.Runtime.Persistence;

namespace CardActors.Benchmarks.Quick;

/// <summary>
/// Keeps a fixed number of asks outstanding against random keys and measures each round trip.
/// Closed loop on purpose: it measures the kernel's capacity, not latency under a given arrival
/// rate (that is the load generator's job, open loop).
/// </summary>
internal static class ClosedLoopDriver
{
    public sealed record Result(double OpsPerSecond, double P50Micros, double P99Micros, double AllocatedBytesPerOp, double CpuMicrosPerOp, string Diagnostics)
    {
        /// <summary>The result line; CPU time, thread-pool and GC figures go to stderr as diagnostics.</summary>
        public string Line(string name)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} cpu_us_per_op={CpuMicrosPerOp:F2} (process CPU time over operations, both cores) {Diagnostics}"));
            return string.Create(CultureInfo.InvariantCulture,
                $"{name} ops_per_s={OpsPerSecond:F0} p50_us={P50Micros:F1} p99_us={P99Micros:F1} alloc_bytes_per_op={AllocatedBytesPerOp:F1}");
        }
    }

    /// <param name="accepted">Tells a good reply from a bad one; a run with bad replies is not valid.</param>
    /// <param name="journal">The store under the case; its growth per operation tells whether the reservation suffices.</param>
    public static async Task<Result> RunAsync<TReply>(QuickOptions options, InMemoryJournal journal, Func<long, long, ValueTask<TReply>> operation, Func<TReply, bool>? accepted = null)
    {
        var phase = new Phase();
        using var batches = new JournalBatchTally();
        var workers = new Task<Worker>[options.Outstanding];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = new Worker(i, options.Seed + i, options.Entities);
            workers[i] = Task.Run(() => worker.RunAsync(phase, operation, accepted));
        }

        await Task.Delay(options.WarmUp);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var before = RuntimeCounts.Read();
        var storedBefore = journal.StoredBytes;
        var started = Stopwatch.GetTimestamp();
        phase.Measuring = true;
        batches.Counting = true;
        await Task.Delay(options.Duration);
        batches.Counting = false;
        phase.Measuring = false;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var counts = RuntimeCounts.Read() - before;
        var stored = journal.StoredBytes;
        phase.Stopping = true;
        var finished = await Task.WhenAll(workers);

        long ops = 0;
        var samples = new List<long>();
        foreach (var worker in finished)
        {
            ops += worker.MeasuredOps;
            samples.AddRange(worker.Samples);
            if (worker.FirstRejected is { } rejected)
            {
                throw new InvalidOperationException($"{finished.Sum(w => w.Rejected)} replies were not accepted (the first: {rejected}); the run is not valid.");
            }
        }

        samples.Sort();
        double Percentile(double q) => samples.Count == 0 ? 0 : samples[(int)Math.Min(samples.Count - 1, q * samples.Count)] * 1e6 / Stopwatch.Frequency;
        return new Result(ops / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), ops == 0 ? 0 : (double)allocated / ops, ops == 0 ? 0 : cpu.TotalMicroseconds / ops,
            counts.Describe(ops) + string.Create(CultureInfo.InvariantCulture,
                $" writes_per_batch={(batches.Batches == 0 ? 0 : (double)batches.Writes / batches.Batches):F0} journal_bytes_per_op={(ops == 0 ? 0 : (double)(stored - storedBefore) / ops):F0} journal_mib={stored >> 20} reserved_mib={options.ReserveBytes >> 20}"));
    }

    /// <summary>Runtime counters read before and after the measured window.</summary>
    private readonly record struct RuntimeCounts(long WorkItems, long LockContentions, int Gen0, int Gen1, int Gen2, double PauseMs)
    {
        public static RuntimeCounts Read() => new(ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

        public static RuntimeCounts operator -(RuntimeCounts a, RuntimeCounts b) => new(a.WorkItems - b.WorkItems,
            a.LockContentions - b.LockContentions, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs);

        public string Describe(long ops) => string.Create(CultureInfo.InvariantCulture,
            $"work_items_per_op={(ops == 0 ? 0 : (double)WorkItems / ops):F2} lock_contentions={LockContentions} threads={ThreadPool.ThreadCount} gc={Gen0}/{Gen1}/{Gen2} gc_pause_ms={PauseMs:F0}");
    }

    /// <summary>
    /// Read by every loop on every operation, so it has cache lines of its own: an object allocated
    /// next to it (the batch tally, written per journal batch by another core) would otherwise take
    /// the line away from all the loops many thousands of times a second.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private sealed class Phase
    {
        [FieldOffset(64)]
        public volatile bool Measuring;

        [FieldOffset(65)]
        public volatile bool Stopping;
    }

    /// <summary>
    /// One closed loop of asks. Everything it touches per operation lives in its own async state
    /// (locals, not fields of a shared object; see <see cref="SplitMix64"/>): with thousands of loops
    /// the driver's own state would otherwise be a cache miss per operation, counted against the
    /// kernel. Results are published once, at the end.
    /// </summary>
    private sealed class Worker(int index, int seed, int keys)
    {
        private const int SampleEvery = 16;

        public long MeasuredOps { get; private set; }

        public List<long> Samples { get; } = new(4096);

        public long Rejected { get; private set; }

        public object? FirstRejected { get; private set; }

        public async Task<Worker> RunAsync<TReply>(Phase phase, Func<long, long, ValueTask<TReply>> operation, Func<TReply, bool>? accepted)
        {
            var sequence = (long)(index + 1) << 40; // unique per operation across workers, above any set-up id
            var random = new SplitMix64(seed);
            long measured = 0, rejected = 0;
            object? firstRejected = null;
            var samples = Samples; // held here: the loop touches no field of this object per operation
            var keyCount = keys;
            while (!phase.Stopping)
            {
                var key = random.NextBelow(keyCount);

                // Only the sampled operations read the clock: the driver's own cost is kept small.
                var sampled = (sequence & (SampleEvery - 1)) == 0;
                var started = sampled ? Stopwatch.GetTimestamp() : 0;
                var reply = await operation(key, sequence++);
                if (accepted is not null && !accepted(reply) && ++rejected == 1)
                {
                    firstRejected = reply;
                }

                if (phase.Measuring)
                {
                    measured++;
                    if (sampled)
                    {
                        samples.Add(Stopwatch.GetTimestamp() - started);
                    }
                }
            }

            MeasuredOps = measured;
            Rejected = rejected;
            FirstRejected = firstRejected;
            return this;
        }
    }
}
