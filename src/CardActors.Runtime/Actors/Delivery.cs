using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Actors;

/// <summary>One message as its handler sees it, with the means to answer an ask.</summary>
public readonly struct Delivery<TMessage, TReply>
{
    private readonly Envelope<TMessage, TReply> _envelope;

    internal Delivery(Envelope<TMessage, TReply> envelope) => _envelope = envelope;

    public TMessage Message => _envelope.Message;

    /// <summary>True when the sender asked and still waits (not a tell, not timed out).</summary>
    public bool ExpectsReply => _envelope.AwaitsReply;

    /// <summary>Answers an ask; a tell or a timed-out ask ignores it.</summary>
    public void Reply(TReply reply) => _envelope.TryReply(reply);

    public void Fail(Exception error) => _envelope.TryFail(error);
}
