namespace CardActors.Runtime.Remoting;

/// <summary>
/// An entity type's region on another node, reached over a <see cref="TransportClient"/>: the same
/// ask and tell as a local region, with the requests and replies encoded by the type's wire format.
/// Failures are exceptions, as for a local ask: <see cref="Ask.AskTimeoutException"/> past the
/// deadline, <see cref="RemoteUnavailableException"/> when the node cannot be reached (retryable),
/// <see cref="RemoteRefusedException"/> when it refused the message.
/// </summary>
public sealed class RemoteRegion<TKey, TCommand, TReply>
    where TKey : notnull
{
    private readonly TransportClient _client;
    private readonly byte[] _recipient;
    private readonly IWireFormat<TKey, TCommand, TReply> _format;

    public RemoteRegion(TransportClient client, string recipient, IWireFormat<TKey, TCommand, TReply> format)
    {
        _client = client;
        _recipient = TransportFrames.RecipientName(recipient, nameof(recipient));
        _format = format;
    }

    public ValueTask<TReply> Ask(TKey key, TCommand command, TimeSpan? timeout = null)
    {
        var pending = new PendingReply<TKey, TCommand, TReply>(_format);
        var buffer = WireScratch.Rent();
        try
        {
            _format.WriteRequest(key, command, buffer);
            _client.Ask(_recipient, buffer.WrittenSpan, timeout ?? _client.Settings.AskTimeout, pending);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TReply>(exception);
        }
        finally
        {
            WireScratch.Return(buffer);
        }

        return new ValueTask<TReply>(pending.Task);
    }

    /// <summary>Hands the command to the connection; throws when it cannot be sent. Delivery is not confirmed.</summary>
    public void Tell(TKey key, TCommand command)
    {
        var buffer = WireScratch.Rent();
        try
        {
            _format.WriteRequest(key, command, buffer);
            _client.Tell(_recipient, buffer.WrittenSpan);
        }
        finally
        {
            WireScratch.Return(buffer);
        }
    }
}
