using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using CardActors.Runtime.Ask;

namespace CardActors.Runtime.Dispatch;

/// <summary>
/// A message in a mailbox and, for an ask, the pending reply: one pooled object serves as the queue
/// node, the <see cref="IValueTaskSource{TResult}"/> the asker awaits and the deadline entry, so an
/// ask allocates nothing in the kernel on the fast path.
/// </summary>
/// <remarks>
/// Two parties hold an ask envelope: the asker (until it has read the result) and the receiver
/// (until it has replied). It returns to the pool when both have let go. Completion is a CAS on a
/// versioned state word, so the reply and the deadline race safely and a late reply to a reused
/// envelope is ignored.
/// </remarks>
public sealed class Envelope<TMessage, TReply> : LinkedNode<Envelope<TMessage, TReply>>, IValueTaskSource<TReply>, IDeadlineTarget
{
    private const int CacheCapacity = 64;
    private const int SharedCapacity = 8192;
    private static readonly int s_cacheSlot = ThreadCache.NewSlot();
    private static readonly ConcurrentQueue<Envelope<TMessage, TReply>> s_shared = new();

    private ManualResetValueTaskSourceCore<TReply> _core;
    private long _state;            // version << 1 | completed
    private int _holders;
    private DeadlineEntry? _deadline;
    private object? _continuationState; // for a hint only (HintContinuation)

    // Whether a continuation may run in place is chosen at each completion (TryReply, Fail), so
    // nothing is set here.
    private Envelope()
    {
    }

    public TMessage Message { get; private set; } = default!;

    /// <summary>The receiver's reply while it waits for its events to be stored (set by the receiver only).</summary>
    internal TReply PendingReply { get; set; } = default!;

    /// <summary>Set for a read-only inspection of the receiver's state instead of a message.</summary>
    internal object? Inspection { get; private set; }

    /// <summary>True for an ask whose reply has not been given yet (nor timed out).</summary>
    public bool AwaitsReply => _holders > 0 && (Volatile.Read(ref _state) & 1) == 0 && IsAsk;

    public bool IsAsk { get; private set; }

    internal static Envelope<TMessage, TReply> ForTell(TMessage message)
    {
        var envelope = Rent();
        envelope.Message = message;
        envelope.IsAsk = false;
        envelope._holders = 1;
        return envelope;
    }

    internal static Envelope<TMessage, TReply> ForInspection(object inspection)
    {
        var envelope = Rent();
        envelope.Inspection = inspection;
        envelope.IsAsk = false;
        envelope._holders = 1;
        return envelope;
    }

    internal static Envelope<TMessage, TReply> ForAsk(TMessage message, AskDeadlines? deadlines, TimeSpan timeout)
    {
        var envelope = Rent();
        envelope.Message = message;
        envelope.IsAsk = true;
        envelope._holders = 2;
        if (deadlines is not null && timeout != Timeout.InfiniteTimeSpan)
        {
            envelope._deadline ??= new DeadlineEntry(envelope);
            deadlines.Arm(envelope._deadline, envelope._core.Version, timeout);
        }

        return envelope;
    }

    /// <summary>The reply the asker awaits. Valid once, for an ask.</summary>
    internal ValueTask<TReply> Reply => new(this, _core.Version);

    /// <summary>Completes the ask with a reply; false if it already completed (e.g. timed out) or is a tell.</summary>
    /// <param name="runContinuationHere">
    /// Runs the asker's continuation on this thread, inside this call, instead of queueing it: only
    /// for a caller that holds no lock and no turn (see <see cref="Mailbox.GiveAnswers"/>).
    /// </param>
    public bool TryReply(TReply reply, bool runContinuationHere = false)
    {
        if (!IsAsk || !TryMarkCompleted())
        {
            return false;
        }

        // Chosen per completion, by the one completer the state word let through.
        _core.RunContinuationsAsynchronously = !runContinuationHere;
        _core.SetResult(reply);
        return true;
    }

    /// <summary>Completes the ask with a failure; false if it already completed or is a tell.</summary>
    public bool TryFail(Exception error)
    {
        if (!IsAsk || !TryMarkCompleted())
        {
            return false;
        }

        Fail(error);
        return true;
    }

    /// <summary>The receiver is done with the message (after replying, for an ask).</summary>
    internal void Release()
    {
        var left = Interlocked.Decrement(ref _holders);
        if (left == 0)
        {
            Recycle();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("Envelope released more times than it was held.");
        }
    }

    private bool TryMarkCompleted()
    {
        var state = Volatile.Read(ref _state);
        if ((state & 1) != 0 || Interlocked.CompareExchange(ref _state, state | 1, state) != state)
        {
            return false;
        }

        _deadline?.Disarm(); // a no-op for an entry this ask did not arm

        return true;
    }

    void IDeadlineTarget.OnDeadline(long version)
    {
        var pending = version << 1;
        if (Interlocked.CompareExchange(ref _state, pending | 1, pending) == pending)
        {
            _deadline!.Disarm();
            Fail(new AskTimeoutException());
        }
    }

    /// <summary>A failure never runs the asker's continuation in place: it may come from the deadline sweep or a stopping actor.</summary>
    private void Fail(Exception error)
    {
        _core.RunContinuationsAsynchronously = true;
        _core.SetException(error);
    }

    TReply IValueTaskSource<TReply>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<TReply>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TReply>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        _continuationState = state;
        _core.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>Hints the state the asker's continuation resumes (an awaiting method's frame): completing the ask reads it next.</summary>
    internal void HintContinuation() => Prefetch.Object(_continuationState);

    private void Recycle()
    {
        Message = default!;
        PendingReply = default!;
        Inspection = null;
        _continuationState = null;
        _core.Reset();
        Volatile.Write(ref _state, (long)_core.Version << 1);
        var cache = Cache();
        if (cache.Count < CacheCapacity)
        {
            Next = cache.Head;
            cache.Head = this;
            cache.Count++;
        }
        else if (s_shared.Count < SharedCapacity)
        {
            s_shared.Enqueue(this);
        }
        else
        {
            _deadline?.Owner?.Forget(_deadline); // dropped for good: its entry must not keep it alive
        }
    }

    private static Envelope<TMessage, TReply> Rent()
    {
        var cache = Cache();
        var cached = cache.Head;
        if (cached is not null)
        {
            cache.Head = cached.Next;
            cached.Next = null;
            cache.Count--;
            return cached;
        }

        return s_shared.TryDequeue(out var shared) ? shared : new Envelope<TMessage, TReply>();
    }

    private static FreeList Cache()
    {
        ref var slot = ref ThreadCache.Slot(s_cacheSlot);
        return slot as FreeList ?? (FreeList)(slot = new FreeList());
    }

    /// <summary>This thread's recycled envelopes of this type.</summary>
    private sealed class FreeList
    {
        public Envelope<TMessage, TReply>? Head;
        public int Count;
    }
}
