using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Runtime.Remoting;

namespace CardActors.Node.Cluster;

/// <summary>
/// Card requests between nodes: the card number (the entity's key), then the command in the domain's
/// command format; replies in the domain's reply format.
/// </summary>
internal sealed class CardWireFormat : IWireFormat<CardNumber, CardCommand, CardReply>
{
    public static readonly CardWireFormat Instance = new();

    public void WriteRequest(CardNumber key, CardCommand command, IBufferWriter<byte> output)
    {
        var writer = new CodecWriter(output);
        writer.WriteCardNumber(key);
        writer.Commit(); // the command's codec writes to the output itself, after the key
        CardCommandCodec.Encode(command, output);
    }

    public (CardNumber Key, CardCommand Command) ReadRequest(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var card = reader.ReadCardNumber();
        if (card == default)
        {
            throw new CodecException("a card request names no card");
        }

        return (card, CardCommandCodec.Decode(input[reader.Position..]));
    }

    public void WriteReply(in CardReply reply, IBufferWriter<byte> output) => CardReplyCodec.Encode(reply, output);

    public CardReply ReadReply(ReadOnlySpan<byte> input) => CardReplyCodec.Decode(input);
}
