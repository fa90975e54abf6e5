using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CardActors.Journal.Sqlite;
using CardActors.Runtime.Persistence;

namespace CardActors.Benchmarks;

/// <summary>
/// Group-commit batches into the SQLite journal with fsync on (<c>synchronous=FULL</c>): one batch per
/// invocation, of 1, 100 or 1000 single-event writes by distinct entities (64-byte payloads, 100,000
/// entities over 1024 shards, as a busy node would hand them over). An operation is one event, so
/// the Op/s column reads events per second and Mean is the cost of one event. Each write object is
/// reused by its entity, as the kernel does, so the store's per-entity cache is warm.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives from benchmark classes.</remarks>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecond))]
public class SqliteJournalBenchmarks : IDisposable
{
    private const int Entities = 100_000;
    private const int Shards = 1024;
    private const int PayloadSize = 64;
    private const int Stride = 7_919; // prime, so cursor × stride walks every entity before repeating

    private readonly JournalWrite[] _writes = new JournalWrite[Entities];
    private readonly string[] _ids = new string[Entities];
    private readonly long[] _sequenceNrs = new long[Entities];
    private readonly JournalWrite[] _one = new JournalWrite[1];
    private readonly JournalWrite[] _hundred = new JournalWrite[100];
    private readonly JournalWrite[] _thousand = new JournalWrite[1000];
    private readonly ManualResetEventSlim _done = new();
    private readonly Action _signal;
    private string _directory = "";
    private SqliteJournal? _journal;
    private long _cursor;
    private bool _disposed;

    public SqliteJournalBenchmarks() => _signal = _done.Set;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("cardactors-sqlite-bench-").FullName;
        _journal = new SqliteJournal(new SqliteJournalOptions { Path = Path.Combine(_directory, "journal.db") });
        _journal.InitializeAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        for (var entity = 0; entity < Entities; entity++)
        {
            _ids[entity] = "card|62000000" + entity.ToString("D8", CultureInfo.InvariantCulture);
            _writes[entity] = new JournalWrite(IgnoreCompletion.Instance);
        }
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public void Batch1() => WriteBatch(_one);

    [Benchmark(OperationsPerInvoke = 100)]
    public void Batch100() => WriteBatch(_hundred);

    [Benchmark(OperationsPerInvoke = 1000)]
    public void Batch1000() => WriteBatch(_thousand);

    private void WriteBatch(JournalWrite[] batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            var entity = (int)(_cursor++ * Stride % Entities);
            var write = _writes[entity];
            write.Reset();
            write.Begin(_ids[entity], entity % Shards, ++_sequenceNrs[entity]);
            var payload = write.GetSpan(PayloadSize)[..PayloadSize];
            payload.Fill((byte)entity);
            write.Advance(PayloadSize);
            write.EndEvent();
            batch[i] = write;
        }

        Wait(_journal!.WriteAsync(batch, CancellationToken.None));
        foreach (var write in batch)
        {
            if (write.Status != WriteStatus.Written)
            {
                throw new InvalidOperationException($"{write.PersistenceId}@{write.FromSequenceNr}: {write.Status} {write.Error}");
            }
        }
    }

    /// <summary>Blocks without a Task: the store completes a pooled value-task source.</summary>
    private void Wait(ValueTask write)
    {
        _done.Reset();
        var awaiter = write.GetAwaiter();
        if (!awaiter.IsCompleted)
        {
            awaiter.UnsafeOnCompleted(_signal);
            _done.Wait();
        }

        awaiter.GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        _journal?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _done.Dispose();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class IgnoreCompletion : IJournalWriteOwner
    {
        public static readonly IgnoreCompletion Instance = new();

        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }

    private sealed class EventsPerSecond : ManualConfig
    {
        public EventsPerSecond() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
