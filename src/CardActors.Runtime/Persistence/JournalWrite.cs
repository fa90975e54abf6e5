using System.Buffers;
using System.Runtime.CompilerServices;
using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// One entity's contribution to a group-commit batch: its events (contiguous sequence numbers), and
/// optionally a snapshot and a reminder change. Written all or nothing. An entity reuses one
/// instance for all its writes, since it has at most one in flight. Small payloads (most events)
/// live in the object itself, so a write touches one object, not two. A larger payload (a snapshot)
/// goes to a buffer rented from the shared array pool for that write alone and given back at
/// <see cref="Reset"/>: kept by every entity, those buffers were a kilobyte or more per card, and the
/// pinned arrays they were dropped and regrown in made allocation there slow (docs/benchmarks.md).
/// Few writes carry a snapshot, so few such buffers are out at once.
/// </summary>
public sealed class JournalWrite : LinkedNode<JournalWrite>, IBufferWriter<byte>
{
    /// <summary>At least the size of a write with its inline bytes (checked by a test): what a hint loads.</summary>
    internal const int ApproximateBytes = 256;
    private const int InlineBytes = 96;
    private InlineBuffer _inline;
    private byte[]? _buffer;             // rented when this write's payload outgrows the inline bytes; the payload is then all here
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

    /// <summary>When the writer took the write (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), while its latency is measured; else 0.</summary>
    internal long QueuedAt { get; set; }

    public bool HasSnapshot => _snapshotStart >= 0;

    /// <summary>The sequence number the snapshot state includes.</summary>
    public long SnapshotSequenceNr { get; private set; }

    public ReminderChange Reminder { get; private set; }

    /// <summary>The reminder's due time when <see cref="Reminder"/> is <see cref="ReminderChange.Set"/>.</summary>
    public DateTimeOffset ReminderDueAt { get; private set; }

    public WriteStatus Status { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>
    /// The event's bytes as memory: a copy, since small payloads live inline. Prefer
    /// <see cref="PayloadSpan"/> and copy into the store's own batch buffer.
    /// </summary>
    public ReadOnlyMemory<byte> Payload(int index) => PayloadSpan(index).ToArray();

    public ReadOnlySpan<byte> PayloadSpan(int index)
    {
        var (start, end) = EventRange(index);
        return Bytes.Slice(start, end - start);
    }

    public ReadOnlyMemory<byte> SnapshotPayload => SnapshotSpan.ToArray();

    /// <summary>The snapshot's bytes in place: valid until the write is reset.</summary>
    public ReadOnlySpan<byte> SnapshotSpan => HasSnapshot ? Bytes[_snapshotStart.._written] : default;

    private ReadOnlySpan<byte> Bytes => _buffer is null ? ((ReadOnlySpan<byte>)_inline)[.._written] : _buffer.AsSpan(0, _written);

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

    /// <summary>Forgets everything but the store's handle, ready for the next write; a rented buffer goes back.</summary>
    public void Reset()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
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
        if (count < 0 || _written + count > (_buffer?.Length ?? InlineBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "advanced past the buffer");
        }

        _written += count;
    }

    /// <summary>Memory always comes from an array (moving the payload out of the inline buffer).</summary>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, InlineBytes + 1 - _written));
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_buffer is null && _written + Math.Max(sizeHint, 1) <= InlineBytes)
        {
            return ((Span<byte>)_inline)[_written..];
        }

        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (_buffer is not null && needed <= _buffer.Length)
        {
            return;
        }

        var current = _buffer?.Length ?? InlineBytes;
        var target = ArrayPool<byte>.Shared.Rent(Math.Max(needed, current * 2));
        Bytes.CopyTo(target);
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = target;
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

    [InlineArray(InlineBytes)]
    private struct InlineBuffer
    {
        private byte _first;
    }
}
