namespace CardActors.Runtime.Remoting;

/// <summary>An ask sent over a connection and not yet answered: completed by its reply, its deadline, or the connection's loss.</summary>
internal abstract class PendingReply
{
    public long Correlation { get; set; }

    /// <summary>A <see cref="TimeProvider"/> timestamp after which the ask has timed out.</summary>
    public long Deadline { get; set; }

    /// <summary>Decodes the reply; runs on the connection's read loop, so it must not block.</summary>
    public abstract void Complete(RemoteStatus status, ReadOnlySpan<byte> payload);

    public abstract void Fail(Exception exception);
}

/// <summary>The typed reply of one ask: decoded with the entity type's wire format.</summary>
internal sealed class PendingReply<TKey, TCommand, TReply>(IWireFormat<TKey, TCommand, TReply> format) : PendingReply
{
    // Continuations run off the read loop: the asker's code must not hold up the next frame.
    private readonly TaskCompletionSource<TReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TReply> Task => _completion.Task;

    public override void Complete(RemoteStatus status, ReadOnlySpan<byte> payload)
    {
        if (status != RemoteStatus.Ok)
        {
            var reason = System.Text.Encoding.UTF8.GetString(payload); // lenient: this ask must complete whatever the text holds
            Fail(status == RemoteStatus.TimedOut ? new Ask.AskTimeoutException(reason) : new RemoteRefusedException(status, reason));
            return;
        }

        TReply reply;
        try
        {
            reply = format.ReadReply(payload);
        }
        catch (Exception exception)
        {
            Fail(new RemoteRefusedException(RemoteStatus.BadPayload, "the reply could not be decoded: " + exception.Message));
            return;
        }

        _completion.TrySetResult(reply);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
