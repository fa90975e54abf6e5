using System.Buffers;
using CardActors.Domain.Merchants;

namespace CardActors.Domain.Encoding;

/// <summary>Snapshot format of a merchant's state: version byte, then every field in declaration order.</summary>
public static class MerchantSnapshotCodec
{
    public const byte Version1 = 1;

    public static int Encode(MerchantState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        writer.WriteMerchantId(state.Id);
        writer.WriteByte((byte)state.Status);
        writer.WriteString(state.Name);
        writer.WriteUInt16(state.Category.Code);
        writer.WriteUInt32(state.Group.Value);
        CardValueCodec.WriteProjects(ref writer, state.Projects);
        MerchantEventCodec.WriteTerminals(ref writer, state.Terminals);
        MerchantEventCodec.WriteCycle(ref writer, state.SettlementCycle);
        writer.WriteUInt32(state.AccountManager.Value);
        writer.WriteInstant(state.RegisteredAt);
        writer.WriteInt64(state.Version);
        writer.WriteInt64(state.UnsettledSales);
        writer.WriteInt64(state.UnsettledRefunds);
        return writer.Written;
    }

    public static MerchantState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        if (reader.ReadByte() != Version1)
        {
            throw new CodecException("merchant snapshot: unknown version");
        }
        var snapshot = new MerchantSnapshot(
            reader.ReadMerchantId(), reader.ReadEnum<MerchantStatus>(), reader.ReadString(), new(reader.ReadUInt16()), new(reader.ReadUInt32()),
            CardValueCodec.ReadProjects(ref reader), MerchantEventCodec.ReadTerminals(ref reader), MerchantEventCodec.ReadCycle(ref reader),
            new(reader.ReadUInt32()), reader.ReadInstant(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
        reader.EnsureEnd();
        var state = new MerchantState();
        state.Restore(snapshot);
        return state;
    }
}
