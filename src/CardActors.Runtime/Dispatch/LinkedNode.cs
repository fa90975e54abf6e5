namespace CardActors.Runtime.Dispatch;

/// <summary>
/// A node of an intrusive queue: the link lives in the item itself, so enqueueing allocates nothing.
/// An item is in at most one queue at a time.
/// </summary>
public abstract class LinkedNode<T> where T : LinkedNode<T>
{
    internal T? Next;
}
