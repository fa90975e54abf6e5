using Microsoft.Extensions.Logging;

namespace CardActors.Node.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "ISO 8583 connection {Connection} idle for {Idle}; closed")]
    public static partial void IdleClosed(ILogger logger, string connection, TimeSpan idle);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "ISO 8583 connection {Connection} sent a length header of {Length}; framing is broken, connection closed")]
    public static partial void FramingBroken(ILogger logger, string connection, int length);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "ISO 8583 connection {Connection}: a request did not parse ({Error}); answered 30")]
    public static partial void FormatError(ILogger logger, string connection, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "ISO 8583 connection {Connection}: writing answers failed; connection closed")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string connection);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "ISO 8583 connection refused: {Open} connections open, the limit is {Limit}")]
    public static partial void ConnectionRefused(ILogger logger, int open, int limit);

    /// <summary>
    /// Debug only: an advice for an authorization the card declined or no longer holds is ordinary
    /// business under load (a terminal completes what it was told was declined), counted by
    /// cardactors_iso_advice_exceptions_total; at warning level it was a log line per request.
    /// </summary>
    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Advice {Mti} from terminal {Terminal} recorded but not applicable: card answered {Code} ({Detail}); kept for reconciliation")]
    public static partial void AdviceException(ILogger logger, int mti, string terminal, string code, string detail);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Batch totals from terminal {Terminal} of merchant {Merchant}, settlement date {SettlementDate}: credits {Credits}/{CreditsAmount}, credit reversals {CreditReversals}/{CreditReversalsAmount}, debits {Debits}/{DebitsAmount}, debit reversals {DebitReversals}/{DebitReversalsAmount}")]
    public static partial void BatchTotals(ILogger logger, string terminal, string merchant, long settlementDate, long credits, long creditsAmount, long creditReversals, long creditReversalsAmount, long debits, long debitsAmount, long debitReversals, long debitReversalsAmount);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "ISO 8583 request {Mti} failed inside the node; answered 96")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, int mti);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Overloaded: {Slow} of {Decided} card decisions in the last {Interval} took longer than {Target} (last decision {SinceProgress} ago); card requests are answered 91 without being decided until the queue drains")]
    public static partial void SheddingBegan(ILogger logger, int slow, int decided, TimeSpan target, TimeSpan interval, TimeSpan sinceProgress);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "No longer overloaded ({Slow} of {Decided} card decisions slow); card requests are decided again")]
    public static partial void SheddingEnded(ILogger logger, int slow, int decided);
}
