using System.Text;
using CardActors.Runtime.Ask;
using CardActors.Runtime.Sharding;

namespace CardActors.Runtime.Remoting;

/// <summary>Delivers requests from other nodes to this node's region of one entity type, and sends the replies back.</summary>
public sealed class RegionRecipient<TKey, TCommand, TReply>(IShardRegion<TKey, TCommand, TReply> region, IWireFormat<TKey, TCommand, TReply> format)
    : IRemoteRecipient
    where TKey : notnull
{
    public void Deliver(ReadOnlySpan<byte> payload, long correlation, TimeSpan timeout, IRemoteReplies replies)
    {
        var (key, command) = format.ReadRequest(payload);
        if (correlation == 0)
        {
            region.Tell(key, command);
            return;
        }

        ValueTask<TReply> pending;
        try
        {
            pending = region.Ask(key, command, timeout);
        }
        catch (Exception exception)
        {
            Fail(replies, correlation, exception);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Answer(replies, correlation, pending.Result);
        }
        else
        {
            _ = AnswerLaterAsync(pending, replies, correlation);
        }
    }

    private async Task AnswerLaterAsync(ValueTask<TReply> pending, IRemoteReplies replies, long correlation)
    {
        TReply reply;
        try
        {
            reply = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(replies, correlation, exception);
            return;
        }

        Answer(replies, correlation, reply);
    }

    private void Answer(IRemoteReplies replies, long correlation, in TReply reply)
    {
        var buffer = WireScratch.Rent();
        try
        {
            format.WriteReply(reply, buffer);
            replies.Reply(correlation, RemoteStatus.Ok, buffer.WrittenSpan);
        }
        catch (Exception exception)
        {
            Fail(replies, correlation, exception);
        }
        finally
        {
            WireScratch.Return(buffer);
        }
    }

    private static void Fail(IRemoteReplies replies, long correlation, Exception exception) =>
        replies.Reply(correlation, exception is AskTimeoutException ? RemoteStatus.TimedOut : RemoteStatus.Failed,
            Encoding.UTF8.GetBytes(exception.Message));
}
