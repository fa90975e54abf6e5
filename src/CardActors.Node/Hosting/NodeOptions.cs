using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Hosting;

/// <summary>
/// Everything a node can be told, bound from the "CardActors" configuration section. Every key, its
/// default and its meaning is documented in cluster-config/reference.json.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "CardActors";

    /// <summary>Journal shards of the node's single-shard entities (product catalog, card-number pool, issue requests).</summary>
    public static readonly (int Start, int End) ReservedJournalShards = (200_000, 200_010);

    /// <summary>Names this node in logs and status.</summary>
    public string NodeId { get; set; } = "node-1";

    /// <summary>0–1023, unique per node of a cluster: part of every transaction id the node creates.</summary>
    public int NodeNumber { get; set; } = 1;

    public EndpointOptions Http { get; set; } = new() { Address = "127.0.0.1", Port = 8080 };

    public IsoGatewayOptions Iso8583 { get; set; } = new();

    public ClusterOptions Cluster { get; set; } = new();

    public JournalOptions Journal { get; set; } = new();

    public KernelOptions Kernel { get; set; } = new();

    // Cards stay in memory for 30 minutes idle (merchants 2): a card that leaves and comes back costs
    // two journal reads and a whole new card for the collector to keep, and under Zipf-skewed load
    // the cold cards did that every few minutes (docs/benchmarks.md); MaxLiveEntities bounds memory.
    public EntityHostingOptions Cards { get; set; } = new() { ShardCount = 1024, JournalShardOffset = 0, SnapshotEvery = 200, IdleTimeout = TimeSpan.FromMinutes(30) };

    public EntityHostingOptions Merchants { get; set; } = new() { ShardCount = 64, JournalShardOffset = 100_000, SnapshotEvery = 50 };

    public IssuerOptions Issuer { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            yield return "CardActors:NodeId: must not be empty";
        }
        else if (!Runtime.Remoting.TransportFrames.IsValidNodeId(NodeId))
        {
            yield return $"CardActors:NodeId: at most {Runtime.Remoting.TransportFrames.MaxNodeIdBytes} bytes of UTF-8 (other nodes learn it in the transport's handshake)";
        }

        if (NodeNumber is < 0 or > 1023)
        {
            yield return "CardActors:NodeNumber: must be between 0 and 1023";
        }

        foreach (var problem in Http.Validate("CardActors:Http").Concat(Iso8583.Validate()).Concat(Cluster.Validate()).Concat(Journal.Validate())
                     .Concat(Kernel.Validate()).Concat(Cards.Validate("CardActors:Cards")).Concat(Merchants.Validate("CardActors:Merchants"))
                     .Concat(Issuer.Validate()))
        {
            yield return problem;
        }

        if (Cards.JournalShardOffset < Merchants.JournalShardOffset + Merchants.ShardCount && Merchants.JournalShardOffset < Cards.JournalShardOffset + Cards.ShardCount)
        {
            yield return "CardActors:Merchants:JournalShardOffset: the journal shards of cards and merchants overlap";
        }

        foreach (var (name, entities) in new[] { ("Cards", Cards), ("Merchants", Merchants) })
        {
            if (entities.JournalShardOffset < ReservedJournalShards.End && ReservedJournalShards.Start < entities.JournalShardOffset + entities.ShardCount)
            {
                yield return $"CardActors:{name}:JournalShardOffset: shards {ReservedJournalShards.Start}-{ReservedJournalShards.End - 1} are the node's own (catalog, card numbers, issue requests)";
            }
        }
    }
}

public sealed class EndpointOptions
{
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; }

    public IEnumerable<string> Validate(string path)
    {
        if (!System.Net.IPAddress.TryParse(Address, out _))
        {
            yield return $"{path}:Address: '{Address}' is not an IP address";
        }

        if (Port is < 0 or > 65535)
        {
            yield return $"{path}:Port: must be between 0 and 65535";
        }
    }
}

public sealed class IsoGatewayOptions
{
    public bool Enabled { get; set; } = true;

    public EndpointOptions Listen { get; set; } = new() { Address = "127.0.0.1", Port = 8583 };

    public int MaxConnections { get; set; } = 10_000;

    /// <summary>A connection that sends nothing (not even an echo) for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests a connection may have outstanding before its reads pause (back-pressure).</summary>
    public int MaxOutstandingPerConnection { get; set; } = 4_096;

    /// <summary>The longest a request may wait for its card's answer before the gateway answers 91.</summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Overload: while every card decision of an <see cref="OverloadInterval"/> took longer than this
    /// from the frame's arrival, new card requests are answered 91 without being decided, so that the
    /// queue drains (docs/operations.md, "Overload"). Zero turns shedding off.
    /// </summary>
    public TimeSpan OverloadTarget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long decisions must stay above <see cref="OverloadTarget"/> before shedding begins, and how often it is reconsidered.</summary>
    public TimeSpan OverloadInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// File holding the issuer's terminal master secret (hex); terminal MAC keys are derived from it.
    /// Created with fresh random bytes, readable by the owner only, when missing. Back it up: without
    /// it no terminal's key can be derived again.
    /// </summary>
    public string MasterKeyFile { get; set; } = "data/terminal-master.key";

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Listen.Validate("CardActors:Iso8583:Listen"))
        {
            yield return problem;
        }

        if (MaxConnections < 1)
        {
            yield return "CardActors:Iso8583:MaxConnections: must be at least 1";
        }

        if (MaxOutstandingPerConnection < 1)
        {
            yield return "CardActors:Iso8583:MaxOutstandingPerConnection: must be at least 1";
        }

        if (IdleTimeout <= TimeSpan.Zero || DecisionTimeout <= TimeSpan.Zero)
        {
            yield return "CardActors:Iso8583:IdleTimeout and DecisionTimeout: must be positive";
        }

        if (OverloadTarget < TimeSpan.Zero || OverloadTarget >= DecisionTimeout)
        {
            yield return "CardActors:Iso8583:OverloadTarget: must be zero (no shedding) or positive and shorter than DecisionTimeout";
        }

        if (OverloadInterval <= TimeSpan.Zero)
        {
            yield return "CardActors:Iso8583:OverloadInterval: must be positive";
        }
    }
}

public sealed class JournalOptions
{
    /// <summary>sqlite (embedded default), postgres, or memory (tests; nothing survives a restart).</summary>
    public string Kind { get; set; } = "sqlite";

    public string SqlitePath { get; set; } = "data/cardactors.db";

    public string PostgresConnectionString { get; set; } = "";

    /// <summary>The PostgreSQL schema holding the journal's tables (created when missing).</summary>
    public string PostgresSchema { get; set; } = "cardactors";

    /// <summary>adaptive (INSERT for small batches, COPY for large), copy (binary COPY) or insert (multi-row INSERT): how batches reach PostgreSQL.</summary>
    public string PostgresWriteMode { get; set; } = "adaptive";

    /// <summary>With the adaptive write mode, batches of at least this many events go by COPY.</summary>
    public int PostgresCopyFromEvents { get; set; } = 2_000;

    /// <summary>Group-commit writers (each with its own connection); shards are spread over them.</summary>
    public int Partitions { get; set; } = 2;

    /// <summary>PostgreSQL batches of fewer writes than this take turns across the partitions (one in flight); 0: never.</summary>
    public int PostgresSmallBatchWrites { get; set; } = 256;

    /// <summary>Group commit; the node lets writes gather for up to 4 ms between commits under load (reference.json).</summary>
    public JournalWriterSettings Writer { get; set; } = new() { CommitInterval = TimeSpan.FromMilliseconds(4) };

    public IEnumerable<string> Validate()
    {
        switch (Kind)
        {
            case "sqlite" when string.IsNullOrWhiteSpace(SqlitePath):
                yield return "CardActors:Journal:SqlitePath: must not be empty";
                break;
            case "postgres" when string.IsNullOrWhiteSpace(PostgresConnectionString):
                yield return "CardActors:Journal:PostgresConnectionString: required when Kind is postgres";
                break;
            case "sqlite" or "postgres" or "memory":
                break;
            default:
                yield return $"CardActors:Journal:Kind: '{Kind}' is not one of sqlite, postgres, memory";
                break;
        }

        if (PostgresWriteMode is not ("adaptive" or "copy" or "insert"))
        {
            yield return $"CardActors:Journal:PostgresWriteMode: '{PostgresWriteMode}' is not one of adaptive, copy, insert";
        }

        if (PostgresCopyFromEvents < 1)
        {
            yield return "CardActors:Journal:PostgresCopyFromEvents: must be at least 1";
        }

        if (Partitions is < 1 or > 64)
        {
            yield return "CardActors:Journal:Partitions: must be between 1 and 64";
        }

        if (PostgresSmallBatchWrites < 0)
        {
            yield return "CardActors:Journal:PostgresSmallBatchWrites: must be 0 or more";
        }

        if (Writer.Capacity < 1 || Writer.MaxBatchSize < 1)
        {
            yield return "CardActors:Journal:Writer: Capacity and MaxBatchSize must be at least 1";
        }

        if (Writer.Capacity > JournalWriterSettings.MaxCapacity)
        {
            yield return $"CardActors:Journal:Writer:Capacity: must be at most {JournalWriterSettings.MaxCapacity} (the queue takes 16 bytes per write up front)";
        }

        if (!JournalWriterSettings.IsValidCommitInterval(Writer.CommitInterval))
        {
            yield return $"CardActors:Journal:Writer:CommitInterval: must be between 00:00:00 and {JournalWriterSettings.MaxCommitInterval}";
        }
    }
}

public sealed class KernelOptions
{
    public int Throughput { get; set; } = 128;

    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeadlineResolution { get; set; } = TimeSpan.FromMilliseconds(10);

    public ActorSystemSettings ToSettings() => new() { Throughput = Throughput, AskTimeout = AskTimeout, DeadlineResolution = DeadlineResolution };

    public IEnumerable<string> Validate()
    {
        if (Throughput < 1)
        {
            yield return "CardActors:Kernel:Throughput: must be at least 1";
        }

        if (AskTimeout <= TimeSpan.Zero || DeadlineResolution <= TimeSpan.Zero)
        {
            yield return "CardActors:Kernel:AskTimeout and DeadlineResolution: must be positive";
        }
    }
}

public sealed class EntityHostingOptions
{
    public int ShardCount { get; set; } = 1024;

    public int JournalShardOffset { get; set; }

    public int SnapshotEvery { get; set; } = 200;

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxLiveEntities { get; set; } = 2_000_000;

    public TimeSpan PassivationInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int RecoveryConcurrency { get; set; } = 4;

    public int RecoveryBatchSize { get; set; } = 256;

    public EntitySettings ToSettings() => new()
    {
        ShardCount = ShardCount,
        JournalShardOffset = JournalShardOffset,
        SnapshotEvery = SnapshotEvery,
        IdleTimeout = IdleTimeout,
        MaxLiveEntities = MaxLiveEntities,
        PassivationInterval = PassivationInterval,
        ReminderInterval = ReminderInterval,
        RecoveryConcurrency = RecoveryConcurrency,
        RecoveryBatchSize = RecoveryBatchSize,
    };

    public IEnumerable<string> Validate(string path)
    {
        if (ShardCount < 1 || MaxLiveEntities < 1 || RecoveryConcurrency < 1 || RecoveryBatchSize < 1)
        {
            yield return $"{path}: ShardCount, MaxLiveEntities, RecoveryConcurrency and RecoveryBatchSize must be at least 1";
        }

        if (JournalShardOffset < 0 || SnapshotEvery < 0)
        {
            yield return $"{path}: JournalShardOffset and SnapshotEvery must not be negative";
        }

        if (IdleTimeout <= TimeSpan.Zero || PassivationInterval <= TimeSpan.Zero || ReminderInterval <= TimeSpan.Zero)
        {
            yield return $"{path}: IdleTimeout, PassivationInterval and ReminderInterval must be positive";
        }
    }
}

public sealed class IssuerOptions
{
    /// <summary>Issuer identification number: the first digits of every card number issued here.</summary>
    public string Prefix { get; set; } = "623456";

    public int CardNumberLength { get; set; } = 19;

    /// <summary>Seeds the permutation that makes issued card numbers hard to guess.</summary>
    public ulong CardNumberSeed { get; set; } = 20_261_122;

    /// <summary>The business calendar's offset from UTC (China: +08:00).</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Time of day (in <see cref="UtcOffset"/>) at which the business day changes.</summary>
    public TimeSpan BusinessDayCutoff { get; set; } = TimeSpan.Zero;

    public IEnumerable<string> Validate()
    {
        if (Prefix.Length is < 6 or > 11 || !Prefix.All(char.IsAsciiDigit))
        {
            yield return "CardActors:Issuer:Prefix: must be 6 to 11 digits";
        }

        if (CardNumberLength is < 16 or > 19 || CardNumberLength <= Prefix.Length + 1)
        {
            yield return "CardActors:Issuer:CardNumberLength: must be 16 to 19 and longer than the prefix plus the check digit";
        }

        if (BusinessDayCutoff < TimeSpan.Zero || BusinessDayCutoff >= TimeSpan.FromDays(1))
        {
            yield return "CardActors:Issuer:BusinessDayCutoff: must be a time of day";
        }
    }
}
