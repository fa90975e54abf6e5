using System.Collections.Concurrent;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Runtime.Persistence;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Merchants;

/// <summary>
/// This node's copy of every merchant's profile (status, category, group, projects, terminals and
/// their key versions), read by authorization on every request without asking the merchant entity.
/// It is a projection of the merchants' journal shards, read in order from the start and then
/// tailed; a node that changes a merchant refreshes it at once, others within the poll interval.
/// </summary>
public sealed class MerchantDirectory : IAsyncDisposable
{
    private const int ReadBatch = 1_000;
    private readonly IJournal _journal;
    private readonly int _firstShard;
    private readonly long[] _offsets;
    private readonly ConcurrentDictionary<MerchantId, MerchantProfile> _profiles = new();
    private readonly Dictionary<string, MerchantState> _states = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _tail;

    public MerchantDirectory(IJournal journal, int firstShard, int shardCount, ILogger log)
    {
        _journal = journal;
        _firstShard = firstShard;
        _offsets = new long[shardCount];
        _log = log;
    }

    public int Count => _profiles.Count;

    public MerchantProfile? Find(MerchantId id) => _profiles.GetValueOrDefault(id);

    public IEnumerable<MerchantProfile> All => _profiles.Values;

    /// <summary>Reads everything journaled so far, then keeps following the journal.</summary>
    public async Task StartAsync(TimeSpan pollInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        _tail = FollowAsync(pollInterval, time, _stop.Token);
    }

    /// <summary>Reads what was journaled since the last read, on every merchant shard or on one.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken, int? shard = null)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < _offsets.Length; i++)
            {
                if (shard is null || shard == i)
                {
                    await ReadShardAsync(i, cancellationToken);
                }
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task ReadShardAsync(int index, CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await _journal.ReadShardAsync(_firstShard + index, _offsets[index], ReadBatch, cancellationToken);
            foreach (var stored in events)
            {
                if (!_states.TryGetValue(stored.PersistenceId, out var state))
                {
                    state = new MerchantState();
                    _states.Add(stored.PersistenceId, state);
                }

                state.Apply(MerchantEventCodec.Decode(stored.Payload.Span));
                _profiles[state.Id] = state.Profile;
                _offsets[index] = stored.ShardSequenceNr;
            }

            if (events.Count < ReadBatch)
            {
                return;
            }
        }
    }

    private async Task FollowAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await CatchUpAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    NodeLog.ProjectionFailed(_log, exception, "merchant directory");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_tail is not null)
        {
            await _tail;
        }

        _stop.Dispose();
        _reading.Dispose();
    }
}
