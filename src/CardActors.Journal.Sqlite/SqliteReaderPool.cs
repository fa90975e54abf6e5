namespace CardActors.Journal.Sqlite;

/// <summary>
/// Read connections, opened on demand up to the configured number and kept for reuse; a caller
/// beyond that waits for one. A connection whose use failed is closed rather than reused.
/// </summary>
internal sealed class SqliteReaderPool : IDisposable
{
    private readonly SqliteJournalOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<SqliteReader> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public SqliteReaderPool(SqliteJournalOptions options)
    {
        _options = options;
        _slots = new SemaphoreSlim(options.ReadConnections, options.ReadConnections);
    }

    public async ValueTask<SqliteReader> RentAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_idle.TryPop(out var idle))
                {
                    return idle;
                }
            }

            return Open();
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(SqliteReader reader, bool reusable)
    {
        bool kept;
        lock (_gate)
        {
            kept = reusable && !_disposed;
            if (kept)
            {
                _idle.Push(reader);
            }
        }

        if (!kept)
        {
            reader.Dispose();
        }

        _slots.Release();
    }

    private SqliteReader Open()
    {
        var connection = SqliteConnections.OpenReader(_options);
        try
        {
            return new SqliteReader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle connections; those in use close when they come back.</summary>
    public void Dispose()
    {
        SqliteReader[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var reader in idle)
        {
            reader.Dispose();
        }
    }
}
