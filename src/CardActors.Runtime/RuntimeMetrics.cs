using System.Diagnostics.Metrics;

namespace CardActors.Runtime;

/// <summary>The kernel's instruments. Free when nothing listens; the node exports them at /metrics.</summary>
public static class RuntimeMetrics
{
    public const string MeterName = "CardActors.Runtime";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> JournalBatches = Meter.CreateCounter<long>("cardactors.journal.batches", "{batch}", "Group-commit batches written");

    public static readonly Histogram<long> JournalBatchSize = Meter.CreateHistogram<long>("cardactors.journal.batch_size", "{write}", "Entity writes per group-commit batch");

    public static readonly Histogram<double> JournalBatchSeconds = Meter.CreateHistogram<double>("cardactors.journal.batch_duration", "s", "Time to make one batch durable");

    public static readonly Histogram<double> JournalWriteSeconds = Meter.CreateHistogram<double>("cardactors.journal.write_duration", "s", "From an entity's write taken by the group-commit writer to it being durable (the wait for a batch and the batch)");

    public static readonly Counter<long> JournalEvents = Meter.CreateCounter<long>("cardactors.journal.events", "{event}", "Events made durable");

    public static readonly Counter<long> JournalConflicts = Meter.CreateCounter<long>("cardactors.journal.conflicts", "{write}", "Writes refused because another writer holds the sequence number");

    public static readonly Counter<long> JournalFailures = Meter.CreateCounter<long>("cardactors.journal.failures", "{write}", "Writes failed by the store");

    public static readonly Counter<long> JournalRejected = Meter.CreateCounter<long>("cardactors.journal.rejected", "{write}", "Persists refused because the writer's queue was full");

    public static readonly Counter<long> EntityRecoveries = Meter.CreateCounter<long>("cardactors.entity.recoveries", "{entity}", "Entities recovered from snapshot and journal");

    public static readonly Histogram<long> RecoveryReads = Meter.CreateHistogram<long>("cardactors.entity.recovery_batch_size", "{entity}", "Entities recovered per store read");

    public static readonly Histogram<double> RecoveryReadSeconds = Meter.CreateHistogram<double>("cardactors.entity.recovery_read_duration", "s", "Time of one store read that recovers a batch of entities");

    public static readonly Counter<long> EntityRecoveryFailures = Meter.CreateCounter<long>("cardactors.entity.recovery_failures", "{entity}", "Entity recoveries that failed");

    public static readonly Counter<long> EntityPassivations = Meter.CreateCounter<long>("cardactors.entity.passivations", "{entity}", "Entities passivated (idle or evicted)");

    public static readonly Counter<long> EntityCrashes = Meter.CreateCounter<long>("cardactors.entity.crashes", "{entity}", "Entity handlers that threw; the entity restarted from its journal");
}
