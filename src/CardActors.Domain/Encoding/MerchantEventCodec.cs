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

    /// <summary>The profile format with each terminal's key versions; version 1 had terminal ids only.</summary>
    public const byte ProfileVersion2 = 2;

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
            case TerminalKeyRotated e:
                writer.WriteTerminalId(e.Terminal);
                writer.WriteInt32(e.NewVersion);
                break;
            case TerminalPreviousKeyRetired e:
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
        return writer.Commit();
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
            MerchantEventTag.TerminalKeyRotated => new TerminalKeyRotated(at, reader.ReadTerminalId(), reader.ReadInt32()),
            MerchantEventTag.TerminalPreviousKeyRetired => new TerminalPreviousKeyRetired(at, reader.ReadTerminalId()),
            MerchantEventTag.SettlementCycleChanged => new SettlementCycleChanged(at, ReadCycle(ref reader)),
            MerchantEventTag.AccountManagerAssigned => new AccountManagerAssigned(at, new(reader.ReadUInt32())),
            _ => throw new CodecException("unknown merchant event tag " + (byte)tag),
        };
        reader.EnsureEnd();
        return result;
    }

    /// <summary>
    /// Profile copy, version 2: tag 0x80, version, id, version number, status, category, group,
    /// projects, then the terminals, each with its current and previous key version (i32, i32).
    /// </summary>
    public static int EncodeProfile(MerchantProfile profile, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var writer = new CodecWriter(output);
        writer.WriteByte(ProfileTag);
        writer.WriteByte(ProfileVersion2);
        writer.WriteMerchantId(profile.Id);
        writer.WriteInt64(profile.Version);
        writer.WriteByte((byte)profile.Status);
        writer.WriteUInt16(profile.Category.Code);
        writer.WriteUInt32(profile.Group.Value);
        CardValueCodec.WriteProjects(ref writer, profile.Projects);
        WriteKeyedTerminals(ref writer, profile.Terminals, profile.KeyVersions);
        return writer.Commit();
    }

    /// <summary>Reads version 2, and version 1 (from a node not yet upgraded) with every terminal at key version 1.</summary>
    public static MerchantProfile DecodeProfile(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = reader.ReadByte();
        var version = reader.ReadByte();
        if (tag != ProfileTag || version is not (Version1 or ProfileVersion2))
        {
            throw new CodecException("merchant profile: unknown tag or version");
        }
        var id = reader.ReadMerchantId();
        var profileVersion = reader.ReadInt64();
        var status = reader.ReadEnum<MerchantStatus>();
        var category = new MerchantCategory(reader.ReadUInt16());
        var group = new MerchantGroupId(reader.ReadUInt32());
        var projects = CardValueCodec.ReadProjects(ref reader);
        var (terminals, keyVersions) = version == Version1 ? WithInitialKeys(ReadTerminals(ref reader)) : ReadKeyedTerminals(ref reader);
        reader.EnsureEnd();
        try
        {
            return new MerchantProfile(id, profileVersion, status, category, group, projects, terminals, keyVersions);
        }
        catch (ArgumentException ex)
        {
            throw new CodecException("merchant profile: " + ex.Message, ex);
        }
    }

    internal static void WriteCycle(ref CodecWriter writer, SettlementCycle cycle)
    {
        writer.WriteByte((byte)cycle.Period);
        writer.WriteInt32(cycle.FeeRate.Value);
    }

    internal static SettlementCycle ReadCycle(ref CodecReader reader) =>
        new(reader.ReadEnum<SettlementPeriod>(), new BasisPoints(reader.ReadInt32()));

    /// <summary>The version 1 terminal list: count, then ids.</summary>
    internal static ImmutableArray<TerminalId> ReadTerminals(ref CodecReader reader)
    {
        var terminals = ImmutableArray.CreateBuilder<TerminalId>(reader.ReadCount());
        for (var i = terminals.Capacity; i > 0; i--)
        {
            terminals.Add(reader.ReadTerminalId());
        }
        return terminals.MoveToImmutable();
    }

    /// <summary>Count, then per terminal: id, current key version, previous key version.</summary>
    internal static void WriteKeyedTerminals(ref CodecWriter writer, ImmutableArray<TerminalId> terminals, ImmutableArray<TerminalKeyVersions> keyVersions)
    {
        if (terminals.Length != keyVersions.Length)
        {
            throw new CodecException("terminals and key versions differ in length");
        }
        writer.WriteCount(terminals.Length);
        for (var i = 0; i < terminals.Length; i++)
        {
            writer.WriteTerminalId(terminals[i]);
            writer.WriteInt32(keyVersions[i].Current);
            writer.WriteInt32(keyVersions[i].Previous);
        }
    }

    internal static (ImmutableArray<TerminalId> Terminals, ImmutableArray<TerminalKeyVersions> KeyVersions) ReadKeyedTerminals(ref CodecReader reader)
    {
        var count = reader.ReadCount();
        var terminals = ImmutableArray.CreateBuilder<TerminalId>(count);
        var keyVersions = ImmutableArray.CreateBuilder<TerminalKeyVersions>(count);
        for (var i = 0; i < count; i++)
        {
            terminals.Add(reader.ReadTerminalId());
            var versions = new TerminalKeyVersions(reader.ReadInt32(), reader.ReadInt32());
            keyVersions.Add(versions.IsValid ? versions : throw new CodecException("terminal key versions out of range"));
        }
        return (terminals.MoveToImmutable(), keyVersions.MoveToImmutable());
    }

    /// <summary>Terminals from a format that predates key rotation: all on version 1, none previous.</summary>
    internal static (ImmutableArray<TerminalId> Terminals, ImmutableArray<TerminalKeyVersions> KeyVersions) WithInitialKeys(ImmutableArray<TerminalId> terminals)
    {
        var keyVersions = ImmutableArray.CreateBuilder<TerminalKeyVersions>(terminals.Length);
        for (var i = 0; i < terminals.Length; i++)
        {
            keyVersions.Add(TerminalKeyVersions.Initial);
        }
        return (terminals, keyVersions.MoveToImmutable());
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
        TerminalKeyRotated => MerchantEventTag.TerminalKeyRotated,
        TerminalPreviousKeyRetired => MerchantEventTag.TerminalPreviousKeyRetired,
        SettlementCycleChanged => MerchantEventTag.SettlementCycleChanged,
        AccountManagerAssigned => MerchantEventTag.AccountManagerAssigned,
        _ => throw new CodecException("no tag for merchant event " + merchantEvent.GetType().Name),
    };
}
