using System.Net.Sockets;
using CardActors.Runtime.Persistence;
using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>Turns Npgsql's failures into what the kernel understands: retryable unavailability, cancellation, or a fault.</summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string DeadlockDetected = "40P01";
    public const string SerializationFailure = "40001";

    /// <summary>
    /// The exception to surface for one caught during an operation: the cancellation when the
    /// caller's token fired, <see cref="JournalUnavailableException"/> when the server cannot be
    /// reached, is shutting down, is out of resources or answered too late; otherwise null
    /// (rethrow as is: a fault in the store or the data).
    /// </summary>
    public static Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException or NpgsqlException)
        {
            return exception as OperationCanceledException
                ?? new OperationCanceledException("The PostgreSQL operation was cancelled.", exception, cancellationToken);
        }

        return IsUnavailable(exception)
            ? new JournalUnavailableException($"The PostgreSQL journal is unavailable: {exception.Message}", exception)
            : null;
    }

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => IsUnavailable(postgres.SqlState),
        NpgsqlException => true, // connection refused or lost, timeouts, protocol breaks: the session is gone
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>
    /// The session or the server went away: after such an error the pooled idle connections are
    /// probably dead too (a restarted server, terminated backends), so they are dropped.
    /// </summary>
    public static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is IOException or SocketException or EndOfStreamException,
        IOException or SocketException => true,
        _ => false,
    };

    /// <summary>A batch aborted by another writer's concurrent work; writing it again may succeed.</summary>
    public static bool IsContention(PostgresException exception) =>
        exception.SqlState is UniqueViolation or DeadlockDetected or SerializationFailure;

    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)     // connection exception
        || sqlState.StartsWith("53", StringComparison.Ordinal)  // insufficient resources (disk full, too many connections)
        || sqlState.StartsWith("57P", StringComparison.Ordinal) // shutdown, crash, terminated, cannot connect now
        || sqlState.StartsWith("58", StringComparison.Ordinal)  // I/O error
        || sqlState is "57014"                                   // statement cancelled (timeout)
            or "55P03"                                           // lock not available
            or DeadlockDetected or SerializationFailure
            or "25006";                                          // read-only transaction: a standby, not yet promoted
}
