using System.Buffers;
using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// One entity's contribution to a group-commit batch: its events (contiguous sequence numbers), and
/// optionally a snapshot and a reminder change. Written all or nothing. An entity reuses one
/// instance, and its buffer, for all its writes, since it has at most one in flight; a shared pool
/// would not do, as thousands of writes are in flight at once under load.
/// </summary>
public sealed class JournalWrite : LinkedNode<JournalWrite>, IBufferWriter<byte>
{
    private const int InitialBuffer = 64;
    private const int RetainedBuffer = 4096; // a larger buffer (a big snapshot) is dropped after use
    private byte[] _buffer = [];
    private int _written;
    private int _firstEventEnd;
    private int[]? _laterEventEnds;
    private int _eventCount;
    private int _snapshotStart = -1;

    public JournalWrite(IJournalWriteOwner owner) => Owner = owner;

    public IJournalWriteOwner Owner { get; }

    /// <summary>
    /// Free for the store's use across writes of the same entity (e.g. a cached handle to the
    /// entity's rows), so that a store need not look the entity up on every write.
    /// </summary>
    public object? StoreHandle { get; set; }

    public string PersistenceId { get; private set; } = "";

    public int ShardId { get; private set; }

    /// <summary>Sequence number of the first event; the others follow contiguously.</summary>
    public long FromSequenceNr { get; private set; }

    public int EventCount => _eventCount;

    /// <summary>Set by the writer when the batch is formed.</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    public bool HasSnapshot => _snapshotStart >= 0;

    /// <summary>The sequence number the snapshot state includes.</summary>
    public long SnapshotSequenceNr { get; private set; }

    public ReminderChange Reminder { get; private set; }

    /// <summary>The reminder's due time when <see cref="Reminder"/> is <see cref="ReminderChange.Set"/>.</summary>
    public DateTimeOffset ReminderDueAt { get; private set; }

    public WriteStatus Status { get; private set; }

    public Exception? Error { get; private set; }

    public ReadOnlyMemory<byte> Payload(int index)
    {
        var (start, end) = EventRange(index);
        return _buffer.AsMemory(start, end - start);
    }

    public ReadOnlySpan<byte> PayloadSpan(int index)
    {
        var (start, end) = EventRange(index);
        return _buffer.AsSpan(start, end - start);
    }

    public ReadOnlyMemory<byte> SnapshotPayload => HasSnapshot ? _buffer.AsMemory(_snapshotStart, _written - _snapshotStart) : default;

    public void Begin(string persistenceId, int shardId, long fromSequenceNr)
    {
        if (Status != WriteStatus.Pending || _eventCount != 0 || _written != 0)
        {
            throw new InvalidOperationException("A journal write must be reset before it is reused.");
        }

        PersistenceId = persistenceId;
        ShardId = shardId;
        FromSequenceNr = fromSequenceNr;
    }

    /// <summary>Closes the event written since the previous call (through the buffer-writer methods).</summary>
    public void EndEvent()
    {
        if (HasSnapshot)
        {
            throw new InvalidOperationException("Events must be written before the snapshot.");
        }

        if (_eventCount == 0)
        {
            _firstEventEnd = _written;
        }
        else
        {
            _laterEventEnds ??= new int[4];
            if (_eventCount - 1 == _laterEventEnds.Length)
            {
                Array.Resize(ref _laterEventEnds, _laterEventEnds.Length * 2);
            }

            _laterEventEnds[_eventCount - 1] = _written;
        }

        _eventCount++;
    }

    /// <summary>Everything written after this call, up to <see cref="Reset"/>, is the snapshot payload.</summary>
    public void BeginSnapshot(long sequenceNr)
    {
        _snapshotStart = _written;
        SnapshotSequenceNr = sequenceNr;
    }

    public void SetReminder(DateTimeOffset dueAt)
    {
        Reminder = ReminderChange.Set;
        ReminderDueAt = dueAt;
    }

    public void ClearReminder() => Reminder = ReminderChange.Clear;

    /// <summary>Journal implementations report each write's outcome here.</summary>
    public void Complete(WriteStatus status, Exception? error = null)
    {
        if (status == WriteStatus.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "a write completes as written, conflict or failed");
        }

        Status = status;
        Error = error;
    }

    /// <summary>Forgets everything but the buffer (and the store's handle), ready for the next write.</summary>
    public void Reset()
    {
        if (_buffer.Length > RetainedBuffer)
        {
            _buffer = [];
        }

        _written = 0;
        _eventCount = 0;
        _snapshotStart = -1;
        Reminder = ReminderChange.None;
        Status = WriteStatus.Pending;
        Error = null;
        PersistenceId = "";
    }

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "advanced past the buffer");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = new byte[Math.Max(needed, Math.Max(InitialBuffer, _buffer.Length * 2))];
        _buffer.AsSpan(0, _written).CopyTo(larger);
        _buffer = larger;
    }

    private (int Start, int End) EventRange(int index)
    {
        if ((uint)index >= (uint)_eventCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "no such event in this write");
        }

        return index switch
        {
            0 => (0, _firstEventEnd),
            1 => (_firstEventEnd, _laterEventEnds![0]),
            _ => (_laterEventEnds![index - 2], _laterEventEnds[index - 1]),
        };
    }
}
