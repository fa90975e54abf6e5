using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Persistence;

internal static partial class JournalLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "A journal batch of {Count} writes failed; their entities answer 'unavailable' and recover from the journal")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Completing the journal write of {PersistenceId} failed")]
    public static partial void OwnerFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Failed} of the {Count} writes of a journal batch failed; their entities answer 'unavailable' and recover from the journal (the first failure is attached)")]
    public static partial void WritesFailed(ILogger logger, Exception? exception, long failed, int count);
}
