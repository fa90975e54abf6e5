using CardActors.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CardActors.Journal.Sqlite;

/// <summary>Turns SQLite's failures into what the kernel understands: retryable unavailability, cancellation, or a fault.</summary>
internal static class SqliteErrors
{
    /// <summary>Locks held elsewhere and I/O trouble pass with time (or an operator's hand); retry later.</summary>
    public static bool IsUnavailable(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_IOERR or raw.SQLITE_FULL or raw.SQLITE_CANTOPEN or raw.SQLITE_PROTOCOL => true,
        _ => false,
    };

    /// <summary>
    /// The exception to surface for one caught during an operation: a cancellation when the caller's
    /// token fired (an interrupted statement fails with its own code), <see cref="JournalUnavailableException"/>
    /// for retryable conditions, otherwise null (rethrow as is).
    /// </summary>
    public static Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && exception is SqliteException or OperationCanceledException)
        {
            return exception as OperationCanceledException ?? new OperationCanceledException("The SQLite operation was cancelled.", exception, cancellationToken);
        }

        return exception is SqliteException sqlite && IsUnavailable(sqlite)
            ? new JournalUnavailableException($"The SQLite journal is unavailable: {sqlite.Message}", sqlite)
            : null;
    }

    /// <summary>Interrupts whatever statement the connection is running (a no-op when none is); safe from any thread.</summary>
    public static CancellationTokenRegistration InterruptOnCancel(sqlite3 db, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => raw.sqlite3_interrupt((sqlite3)state!), db)
            : default;
}
