using System.Buffers;
using CardActors.Domain.Cards;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The snapshot format of a card's state: a version byte, then every field of
/// <see cref="CardState"/> — identity, status, windows, instants as UTC ticks, main balance, daily
/// usage, the pending transfer, then the counted lists of lots, holds, sales, remembered
/// transactions, awaited originals and received transfers. Derived totals (held, bonus in lots)
/// are recomputed on decode and the invariants are checked, so a corrupt snapshot fails fast.
/// </summary>
public static class CardSnapshotCodec
{
    public const byte Version1 = 1;

    public static int Encode(CardState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        state.WriteSnapshot(ref writer);
        return writer.Written;
    }

    public static CardState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("card snapshot: unknown version " + version);
        }
        CardState state;
        try
        {
            state = CardState.ReadSnapshot(ref reader);
        }
        catch (InvalidOperationException ex)
        {
            throw new CodecException("card snapshot: " + ex.Message, ex);
        }
        reader.EnsureEnd();
        return state;
    }
}
