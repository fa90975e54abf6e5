using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Entities;

internal static partial class EntityLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Entity {PersistenceId} failed handling a command; it restarts from its journal")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string persistenceId);

    /// <summary>Debug only: the journal's writer logs each failed batch once (a batch holds thousands of entities' writes).</summary>
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Entity {PersistenceId} could not persist; it answers 'unavailable' and recovers from its journal")]
    public static partial void PersistFailed(ILogger logger, Exception? exception, string persistenceId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Entity {PersistenceId} lost sequence number {SequenceNr} to another writer; it stops here")]
    public static partial void OwnershipLost(ILogger logger, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Entity {PersistenceId} could not recover; queued commands answer 'unavailable'")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Snapshot of {PersistenceId} failed; it is retried later")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 205, Level = LogLevel.Critical, Message = "Kernel fault in entity {PersistenceId}")]
    public static partial void KernelFault(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Reading due reminders failed; retrying at the next interval")]
    public static partial void ReminderScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "An asker's continuation threw when entity {PersistenceId} answered it; the other answers are given")]
    public static partial void ContinuationFailed(ILogger logger, Exception exception, string persistenceId);
}
