using CardActors.Runtime.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Journal.Postgres;

/// <summary>
/// What a partition writer must read before it can check and number a round: the highest stored
/// sequence number of entities in doubt and the last position of shards it has not written yet.
/// Both are read in one round trip, and only when something is in doubt.
/// </summary>
internal sealed class KnowledgeLookup(PostgresSql sql)
{
    private readonly List<int> _entities = [];
    private readonly List<string> _entityIds = [];
    private readonly List<int> _shards = [];
    private readonly HashSet<int> _shardSet = [];

    public bool IsEmpty => _entities.Count == 0 && _shards.Count == 0;

    public void Clear()
    {
        _entities.Clear();
        _entityIds.Clear();
        _shards.Clear();
        _shardSet.Clear();
    }

    public void AddEntity(int batchIndex, string persistenceId)
    {
        _entities.Add(batchIndex);
        _entityIds.Add(persistenceId);
    }

    public void AddShard(int shardId)
    {
        if (_shardSet.Add(shardId))
        {
            _shards.Add(shardId);
        }
    }

    /// <summary>Reads what was added: entity numbers go to their writes' handles (as of <paramref name="generation"/>), shard positions to the counters.</summary>
    public async ValueTask ReadAsync(NpgsqlConnection connection, IReadOnlyList<JournalWrite> batch, ShardCounters counters, long generation,
        CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlBatch(connection);
        if (_entityIds.Count > 0)
        {
            lookup.BatchCommands.Add(SideStatements.Command(sql.EntityHighest, SideStatements.Array(_entityIds, NpgsqlDbType.Text)));
        }

        if (_shards.Count > 0)
        {
            lookup.BatchCommands.Add(SideStatements.Command(sql.ShardHighest, SideStatements.Array(_shards, NpgsqlDbType.Integer)));
        }

        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (_entityIds.Count > 0)
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entity = (EntityHandle)batch[_entities[(int)reader.GetInt64(0) - 1]].StoreHandle!;
                entity.HighestSequenceNr = reader.GetInt64(1);
                entity.Generation = generation;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_shards.Count > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counters.Load(reader.GetInt32(0), reader.GetInt64(1));
        }
    }
}
