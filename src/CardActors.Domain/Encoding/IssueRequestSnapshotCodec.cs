using System.Buffers;
using CardActors.Domain.Issuance;

namespace CardActors.Domain.Encoding;

/// <summary>Snapshot format of an issue request: version byte, presence byte, then the card number and the instant it was assigned.</summary>
public static class IssueRequestSnapshotCodec
{
    public const byte Version1 = 1;

    public static int Encode(IssueRequestState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        writer.WriteBool(state.IsAssigned);
        if (state.AssignedAt is { } at)
        {
            writer.WriteCardNumber(state.Card);
            writer.WriteInstant(at);
        }
        return writer.Commit();
    }

    public static IssueRequestState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("issue request snapshot: unknown version " + version);
        }
        var state = new IssueRequestState();
        if (reader.ReadBool())
        {
            var card = reader.ReadCardNumber();
            if (card.IsEmpty)
            {
                throw new CodecException("issue request snapshot: the card number is empty");
            }
            state.Restore(card, reader.ReadInstant());
        }
        reader.EnsureEnd();
        return state;
    }
}
