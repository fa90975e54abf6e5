using System.Buffers;
using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;

namespace CardActors.Domain.Encoding;

/// <summary>
/// Snapshot format of a merchant's state: version byte, then every field in declaration order.
/// Version 2 (written) gives each terminal its current and previous key version and ends with the
/// removed-terminal key memory and the key version floor; version 1 (still read) had terminal ids
/// only, which restore at key version 1 with no previous and nothing remembered.
/// </summary>
public static class MerchantSnapshotCodec
{
    public const byte Version1 = 1;
    public const byte Version2 = 2;

    public static int Encode(MerchantState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version2);
        writer.WriteMerchantId(state.Id);
        writer.WriteByte((byte)state.Status);
        writer.WriteString(state.Name);
        writer.WriteUInt16(state.Category.Code);
        writer.WriteUInt32(state.Group.Value);
        CardValueCodec.WriteProjects(ref writer, state.Projects);
        MerchantEventCodec.WriteKeyedTerminals(ref writer, state.Terminals, state.KeyVersions);
        MerchantEventCodec.WriteCycle(ref writer, state.SettlementCycle);
        writer.WriteUInt32(state.AccountManager.Value);
        writer.WriteInstant(state.RegisteredAt);
        writer.WriteInt64(state.Version);
        writer.WriteInt64(state.UnsettledSales);
        writer.WriteInt64(state.UnsettledRefunds);
        var removed = state.RemovedKeys;
        writer.WriteCount(removed.Length);
        foreach (var entry in removed)
        {
            writer.WriteTerminalId(entry.Terminal);
            writer.WriteInt32(entry.LastVersion);
        }
        writer.WriteInt32(state.KeyVersionFloor);
        return writer.Commit();
    }

    public static MerchantState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version is not (Version1 or Version2))
        {
            throw new CodecException("merchant snapshot: unknown version " + version);
        }
        var id = reader.ReadMerchantId();
        var status = reader.ReadEnum<MerchantStatus>();
        var name = reader.ReadString();
        var category = new MerchantCategory(reader.ReadUInt16());
        var group = new MerchantGroupId(reader.ReadUInt32());
        var projects = CardValueCodec.ReadProjects(ref reader);
        var (terminals, keyVersions) = version == Version1
            ? MerchantEventCodec.WithInitialKeys(MerchantEventCodec.ReadTerminals(ref reader))
            : MerchantEventCodec.ReadKeyedTerminals(ref reader);
        var cycle = MerchantEventCodec.ReadCycle(ref reader);
        var accountManager = new AccountManagerId(reader.ReadUInt32());
        var registeredAt = reader.ReadInstant();
        var stateVersion = reader.ReadInt64();
        var unsettledSales = reader.ReadInt64();
        var unsettledRefunds = reader.ReadInt64();
        var removed = ImmutableArray<RemovedTerminalKey>.Empty;
        var floor = 0;
        if (version == Version2)
        {
            var builder = ImmutableArray.CreateBuilder<RemovedTerminalKey>(reader.ReadCount());
            for (var i = builder.Capacity; i > 0; i--)
            {
                builder.Add(new RemovedTerminalKey(reader.ReadTerminalId(), reader.ReadInt32()));
            }
            removed = builder.MoveToImmutable();
            floor = reader.ReadInt32();
        }
        reader.EnsureEnd();
        var snapshot = new MerchantSnapshot(
            id, status, name, category, group, projects, terminals, keyVersions, cycle, accountManager, registeredAt, stateVersion,
            unsettledSales, unsettledRefunds, removed, floor);
        var state = new MerchantState();
        try
        {
            state.Restore(snapshot);
        }
        catch (InvalidOperationException ex)
        {
            throw new CodecException("merchant snapshot: " + ex.Message, ex);
        }
        return state;
    }
}
