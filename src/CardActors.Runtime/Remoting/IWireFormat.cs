using System.Buffers;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// How one entity type's requests (key and command) and replies travel between nodes. The host
/// supplies it, as it supplies the event codec: the kernel knows no domain types. Readers throw on
/// malformed input; the transport turns that into <see cref="RemoteStatus.BadPayload"/>.
/// </summary>
public interface IWireFormat<TKey, TCommand, TReply>
{
    void WriteRequest(TKey key, TCommand command, IBufferWriter<byte> output);

    (TKey Key, TCommand Command) ReadRequest(ReadOnlySpan<byte> input);

    void WriteReply(in TReply reply, IBufferWriter<byte> output);

    TReply ReadReply(ReadOnlySpan<byte> input);
}
