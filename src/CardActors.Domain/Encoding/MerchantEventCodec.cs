using System.Buffers;
using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The journal format of merchant events, and of the <see cref="MerchantProfile"/> copies nodes
/// exchange: tag byte, version byte, then the fields with <see cref="CodecWriter"/>'s encodings.
/// </summary>
public static class MerchantEventCodec
{
    public const byte Version1 = 1;
    private const byte ProfileTag = 0x80;

    public static int Encode(MerchantEvent merchantEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        var writer = new CodecWriter(output);
        writer.WriteByte((byte)TagOf(merchantEvent));
        writer.WriteByte(Version1);
        writer.WriteInstant(merchantEvent.At);
        switch (merchantEvent)
        {
            case MerchantRegistered e:
                writer.WriteMerchantId(e.Merchant);
                writer.WriteString(e.Name);
                writer.WriteUInt16(e.Category.Code);
                writer.WriteUInt32(e.Group.Value);
                CardValueCodec.WriteProjects(ref writer, e.Projects);
                WriteCycle(ref writer, e.SettlementCycle);
                writer.WriteUInt32(e.AccountManager.Value);
                break;
            case MerchantProfileUpdated e:
                writer.WriteString(e.Name);
                writer.WriteUInt16(e.Category.Code);
                writer.WriteUInt32(e.Group.Value);
                CardValueCodec.WriteProjects(ref writer, e.Projects);
                break;
            case MerchantSuspended or MerchantReactivated or MerchantClosed:
                break;
            case TerminalAdded e:
                writer.WriteTerminalId(e.Terminal);
                break;
            case TerminalRemoved e:
                writer.WriteTerminalId(e.Terminal);
                break;
            case SettlementCycleChanged e:
                WriteCycle(ref writer, e.SettlementCycle);
                break;
            case AccountManagerAssigned e:
                writer.WriteUInt32(e.AccountManager.Value);
                break;
            default:
                throw new CodecException("no encoding for merchant event " + merchantEvent.GetType().Name);
        }
        return writer.Written;
    }

    public static MerchantEvent Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = (MerchantEventTag)reader.ReadByte();
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("merchant event " + tag + ": unknown version " + version);
        }
        var at = reader.ReadInstant();
        MerchantEvent result = tag switch
        {
            MerchantEventTag.MerchantRegistered => new MerchantRegistered(
                at, reader.ReadMerchantId(), reader.ReadString(), new(reader.ReadUInt16()), new(reader.ReadUInt32()),
                CardValueCodec.ReadProjects(ref reader), ReadCycle(ref reader), new(reader.ReadUInt32())),
            MerchantEventTag.MerchantProfileUpdated => new MerchantProfileUpdated(
                at, reader.ReadString(), new(reader.ReadUInt16()), new(reader.ReadUInt32()), CardValueCodec.ReadProjects(ref reader)),
            MerchantEventTag.MerchantSuspended => new MerchantSuspended(at),
            MerchantEventTag.MerchantReactivated => new MerchantReactivated(at),
            MerchantEventTag.MerchantClosed => new MerchantClosed(at),
            MerchantEventTag.TerminalAdded => new TerminalAdded(at, reader.ReadTerminalId()),
            MerchantEventTag.TerminalRemoved => new TerminalRemoved(at, reader.ReadTerminalId()),
            MerchantEventTag.SettlementCycleChanged => new SettlementCycleChanged(at, ReadCycle(ref reader)),
            MerchantEventTag.AccountManagerAssigned => new AccountManagerAssigned(at, new(reader.ReadUInt32())),
            _ => throw new CodecException("unknown merchant event tag " + (byte)tag),
        };
        reader.EnsureEnd();
        return result;
    }

    /// <summary>Profile copy: tag 0x80, version, id, version number, status, category, group, projects, terminals.</summary>
    public static int EncodeProfile(MerchantProfile profile, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var writer = new CodecWriter(output);
        writer.WriteByte(ProfileTag);
        writer.WriteByte(Version1);
        writer.WriteMerchantId(profile.Id);
        writer.WriteInt64(profile.Version);
        writer.WriteByte((byte)profile.Status);
        writer.WriteUInt16(profile.Category.Code);
        writer.WriteUInt32(profile.Group.Value);
        CardValueCodec.WriteProjects(ref writer, profile.Projects);
        WriteTerminals(ref writer, profile.Terminals);
        return writer.Written;
    }

    public static MerchantProfile DecodeProfile(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        if (reader.ReadByte() != ProfileTag || reader.ReadByte() != Version1)
        {
            throw new CodecException("merchant profile: unknown tag or version");
        }
        var profile = new MerchantProfile(
            reader.ReadMerchantId(), reader.ReadInt64(), reader.ReadEnum<MerchantStatus>(), new(reader.ReadUInt16()), new(reader.ReadUInt32()),
            CardValueCodec.ReadProjects(ref reader), ReadTerminals(ref reader));
        reader.EnsureEnd();
        return profile;
    }

    internal static void WriteCycle(ref CodecWriter writer, SettlementCycle cycle)
    {
        writer.WriteByte((byte)cycle.Period);
        writer.WriteInt32(cycle.FeeRate.Value);
    }

    internal static SettlementCycle ReadCycle(ref CodecReader reader) =>
        new(reader.ReadEnum<SettlementPeriod>(), new BasisPoints(reader.ReadInt32()));

    internal static void WriteTerminals(ref CodecWriter writer, ImmutableArray<TerminalId> terminals)
    {
        var items = terminals.IsDefault ? [] : terminals;
        writer.WriteCount(items.Length);
        foreach (var terminal in items)
        {
            writer.WriteTerminalId(terminal);
        }
    }

    internal static ImmutableArray<TerminalId> ReadTerminals(ref CodecReader reader)
    {
        var terminals = ImmutableArray.CreateBuilder<TerminalId>(reader.ReadCount());
        for (var i = terminals.Capacity; i > 0; i--)
        {
            terminals.Add(reader.ReadTerminalId());
        }
        return terminals.MoveToImmutable();
    }

    private static MerchantEventTag TagOf(MerchantEvent merchantEvent) => merchantEvent switch
    {
        MerchantRegistered => MerchantEventTag.MerchantRegistered,
        MerchantProfileUpdated => MerchantEventTag.MerchantProfileUpdated,
        MerchantSuspended => MerchantEventTag.MerchantSuspended,
        MerchantReactivated => MerchantEventTag.MerchantReactivated,
        MerchantClosed => MerchantEventTag.MerchantClosed,
        TerminalAdded => MerchantEventTag.TerminalAdded,
        TerminalRemoved => MerchantEventTag.TerminalRemoved,
        SettlementCycleChanged => MerchantEventTag.SettlementCycleChanged,
        AccountManagerAssigned => MerchantEventTag.AccountManagerAssigned,
        _ => throw new CodecException("no tag for merchant event " + merchantEvent.GetType().Name),
    };
}
