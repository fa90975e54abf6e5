using Microsoft.Extensions.Logging;

namespace CardActors.Node;

/// <summary>The node's log events, defined once (structured, no formatting on hot paths).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Following the journal for the {Projection} failed; retrying at the next interval")]
    public static partial void ProjectionFailed(ILogger logger, Exception exception, string projection);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Node {NodeId} serving: HTTP on {Http}, ISO 8583 on {Iso}, cluster transport on {Transport}, journal {Journal}")]
    public static partial void Serving(ILogger logger, string nodeId, string http, string iso, string transport, string journal);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Replacement transfer {TransferId} from card {Card} is not complete yet ({Code}); it is retried")]
    public static partial void ReplacementPending(ILogger logger, string transferId, string card, string code);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Replacement transfer {TransferId} from card {Card} is refused by the new card ({Code}); an operator must resolve it")]
    public static partial void ReplacementRefused(ILogger logger, string transferId, string card, string code);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Resuming the replacement of card {Card} failed; it is retried at its next deadline")]
    public static partial void ReplacementFailed(ILogger logger, Exception exception, string card);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);
}
