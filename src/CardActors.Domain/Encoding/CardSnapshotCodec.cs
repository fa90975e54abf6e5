using System.Buffers;
using CardActors.Domain.Cards;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The snapshot format of a card's state: a version byte, then every field of
/// <see cref="CardState"/> — identity, status, windows, memory limits (recent memory, sale memory,
/// open holds: u16 each), instants as UTC ticks, main balance, daily usage, the pending transfer,
/// then the counted lists of lots, holds, sales, remembered transactions, awaited originals,
/// received transfers and returns of older sales (sale id, completion id, returned main, returned
/// bonus, sale instant), the instant up to which such returns were forgotten (ticks, 0 = never),
/// and (version 3) the credits a reversal may take back (credit id, sale id, main, bonus, bonus
/// lot, instant ticks, merchant, reversed flag). Derived totals (held, bonus in lots) are
/// recomputed on decode and the invariants are checked, so a corrupt snapshot fails fast.
/// Version 1 (no memory limits, no returns of older sales) is still read: the card gets the
/// default limits and keeps the newest entries of longer lists. Versions 1 and 2 read with no
/// credits remembered.
/// </summary>
public static class CardSnapshotCodec
{
    public const byte Version1 = 1;
    public const byte Version2 = 2;
    public const byte Version3 = 3;

    public static int Encode(CardState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version3);
        state.WriteSnapshot(ref writer);
        return writer.Commit();
    }

    public static CardState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version is not (Version1 or Version2 or Version3))
        {
            throw new CodecException("card snapshot: unknown version " + version);
        }
        CardState state;
        try
        {
            state = CardState.ReadSnapshot(ref reader, version);
        }
        catch (InvalidOperationException ex)
        {
            throw new CodecException("card snapshot: " + ex.Message, ex);
        }
        reader.EnsureEnd();
        return state;
    }
}
