using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// One prepared statement, kept for the life of its connection and reset after every use. The hot
/// statements go through the native API because it binds and reads spans: payloads travel from
/// the entity's write buffer into SQLite, and from SQLite into the replay target, without a copy
/// on the managed heap.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const uint PreparePersistent = 0x01;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(_db, sql, PreparePersistent, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds UTF-8 text; an empty span binds the empty string, not NULL.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) =>
        Check(utf8.IsEmpty ? raw.sqlite3_bind_text(_statement, index, string.Empty) : raw.sqlite3_bind_text(_statement, index, utf8));

    /// <summary>Binds a blob; an empty span binds an empty blob, not NULL.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs to the next row: true with a row to read, false when done. Throws on an error.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>Runs a statement that returns no rows (or ignores them), then resets it.</summary>
    public void Execute()
    {
        try
        {
            Step();
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a statement that returns one integer (NULL or no row read as the fallback), then resets it.</summary>
    public long ExecuteInt64(long fallback)
    {
        try
        {
            return Step() && !IsNull(0) ? Int64(0) : fallback;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Ready for the next use. Bindings stay until rebound; every use binds every parameter.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int Int32(int column) => raw.sqlite3_column_int(_statement, column);

    /// <summary>The column's bytes, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? string.Empty;

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string() ?? $"SQLite error {rc}", rc, raw.sqlite3_extended_errcode(_db));
}
