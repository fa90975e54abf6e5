namespace CardActors.Runtime.Dispatch;

/// <summary>
/// Envelopes in arrival order, linked through their own <see cref="LinkedNode{T}.Next"/> (free once
/// an envelope is out of its mailbox), so keeping requests costs no allocation. A mutable struct:
/// a field of this type must never be copied, only changed in place.
/// </summary>
internal struct EnvelopeChain<TMessage, TReply>
{
    private Envelope<TMessage, TReply>? _tail;

    /// <summary>The oldest envelope, null when the chain is empty.</summary>
    public Envelope<TMessage, TReply>? Head { get; private set; }

    public void Add(Envelope<TMessage, TReply> envelope)
    {
        if (Head is null)
        {
            Head = envelope;
        }
        else
        {
            _tail!.Next = envelope;
        }

        _tail = envelope;
    }

    /// <summary>Moves every envelope of <paramref name="other"/>, in order, to the end of this chain.</summary>
    public void MoveFrom(ref EnvelopeChain<TMessage, TReply> other)
    {
        if (other.Head is null)
        {
            return;
        }

        if (Head is null)
        {
            Head = other.Head;
        }
        else
        {
            _tail!.Next = other.Head;
        }

        _tail = other._tail;
        other = default;
    }

    /// <summary>Empties the chain and returns its oldest envelope (the others follow through Next).</summary>
    public Envelope<TMessage, TReply>? Take()
    {
        var head = Head;
        this = default;
        return head;
    }
}
