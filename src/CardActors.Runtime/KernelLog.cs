using Microsoft.Extensions.Logging;

namespace CardActors.Runtime;

/// <summary>The kernel's log events, defined once so that hot paths log without boxing or formatting.</summary>
internal static partial class KernelLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Actor {Actor} failed on a message; it resumes with its next message")]
    public static partial void ActorHandlerFailed(ILogger logger, Exception exception, string actor);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "Actor {Actor} crashed in the kernel; stopping it")]
    public static partial void ActorCrashed(ILogger logger, Exception exception, string actor);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Actor {Actor} failed in PostStop")]
    public static partial void PostStopFailed(ILogger logger, Exception exception, string actor);
}
