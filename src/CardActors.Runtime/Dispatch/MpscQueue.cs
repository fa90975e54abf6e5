namespace CardActors.Runtime.Dispatch;

/// <summary>
/// Intrusive multi-producer single-consumer queue. Producers push onto a lock-free stack; the
/// consumer takes the whole stack with one exchange and reverses it into a private FIFO list.
/// There is no pop of single items by producers, so there is no ABA problem, and a closed queue is
/// marked by a sentinel so that no push can succeed after the consumer's final drain.
/// Per-producer order is preserved; order between producers is the order of their pushes.
/// </summary>
/// <remarks>A mutable struct: keep it in a field and call it only through that field.</remarks>
public struct MpscQueue<T> where T : LinkedNode<T>
{
    private T? _inbox;      // shared: producers push here, newest first
    private T? _head;       // consumer-private FIFO, oldest first
    private static readonly T Closed = ClosedSentinel.Instance;

    /// <summary>Pushes an item. Returns false if the queue is closed.</summary>
    public bool TryEnqueue(T item)
    {
        var current = Volatile.Read(ref _inbox);
        while (true)
        {
            if (ReferenceEquals(current, Closed))
            {
                return false;
            }

            item.Next = current;
            var seen = Interlocked.CompareExchange(ref _inbox, item, current);
            if (ReferenceEquals(seen, current))
            {
                return true;
            }

            current = seen;
        }
    }

    /// <summary>Consumer only: the oldest item, or null when empty (or closed).</summary>
    public T? TryDequeue()
    {
        var head = _head;
        if (head is null)
        {
            if (Volatile.Read(ref _inbox) is null)
            {
                return null;
            }

            var taken = Interlocked.Exchange(ref _inbox, null);
            if (taken is null)
            {
                return null;
            }

            if (ReferenceEquals(taken, Closed))
            {
                // Never reopen a closed queue.
                Volatile.Write(ref _inbox, Closed);
                return null;
            }

            head = Reverse(taken);
        }

        _head = head.Next;
        head.Next = null;
        return head;
    }

    /// <summary>Consumer only: puts a dequeued item back at the head, to be the next one dequeued.</summary>
    public void PushFront(T item)
    {
        item.Next = _head;
        _head = item;
    }

    /// <summary>Consumer-side check, exact for the consumer and a full fence for producers racing it.</summary>
    public readonly bool HasItems
    {
        get
        {
            if (_head is not null)
            {
                return true;
            }

            var inbox = Volatile.Read(in _inbox);
            return inbox is not null && !ReferenceEquals(inbox, Closed);
        }
    }

    public readonly bool IsClosed => ReferenceEquals(Volatile.Read(in _inbox), Closed);

    /// <summary>
    /// Consumer only: closes the queue and returns everything still queued, oldest first, linked by
    /// <see cref="LinkedNode{T}.Next"/>. After this no push succeeds.
    /// </summary>
    public T? Close()
    {
        var taken = Interlocked.Exchange(ref _inbox, Closed);
        var rest = ReferenceEquals(taken, Closed) || taken is null ? null : Reverse(taken);
        var head = _head;
        _head = null;
        if (head is null)
        {
            return rest;
        }

        var tail = head;
        while (tail.Next is not null)
        {
            tail = tail.Next;
        }

        tail.Next = rest;
        return head;
    }

    private static T Reverse(T newestFirst)
    {
        T? reversed = null;
        T? node = newestFirst;
        while (node is not null)
        {
            var next = node.Next;
            node.Next = reversed;
            reversed = node;
            node = next;
        }

        return reversed!;
    }

    private static class ClosedSentinel
    {
        // An uninitialized instance: a marker only, never dequeued or touched.
        public static readonly T Instance = (T)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T));
    }
}
