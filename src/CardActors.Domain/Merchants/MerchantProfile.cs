using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// The read-only copy of a merchant that authorization consults on every node: status, category,
/// group and projects for scope rules, the terminals allowed to trade and the MAC key versions each
/// may use. <see cref="Version"/> is the merchant entity's event count, so a node keeps the newest
/// copy it has seen.
/// </summary>
public sealed class MerchantProfile
{
    // Above this many terminals a lookup table beats a scan; built once per profile version.
    private const int IndexThreshold = 16;

    private readonly Dictionary<TerminalId, int>? _index;

    public MerchantProfile(
        MerchantId id,
        long version,
        MerchantStatus status,
        MerchantCategory category,
        MerchantGroupId group,
        ImmutableArray<ProjectId> projects,
        ImmutableArray<TerminalId> terminals,
        ImmutableArray<TerminalKeyVersions> keyVersions)
    {
        Id = id;
        Version = version;
        Status = status;
        Category = category;
        Group = group;
        Projects = projects.IsDefault ? [] : projects;
        Terminals = terminals.IsDefault ? [] : terminals;
        KeyVersions = keyVersions.IsDefault ? [] : keyVersions;
        if (KeyVersions.Length != Terminals.Length)
        {
            throw new ArgumentException("keyVersions: one entry per terminal required", nameof(keyVersions));
        }
        if (Terminals.Length > IndexThreshold)
        {
            _index = new Dictionary<TerminalId, int>(Terminals.Length);
            for (var i = 0; i < Terminals.Length; i++)
            {
                if (!_index.TryAdd(Terminals[i], i))
                {
                    throw Repeated(nameof(terminals));
                }
            }
        }
        else
        {
            for (var i = 1; i < Terminals.Length; i++)
            {
                if (Terminals.AsSpan(0, i).Contains(Terminals[i]))
                {
                    throw Repeated(nameof(terminals));
                }
            }
        }
    }

    public MerchantId Id { get; }

    public long Version { get; }

    public MerchantStatus Status { get; }

    public MerchantCategory Category { get; }

    public MerchantGroupId Group { get; }

    public ImmutableArray<ProjectId> Projects { get; }

    public ImmutableArray<TerminalId> Terminals { get; }

    /// <summary>The key versions of each terminal, at the same index as in <see cref="Terminals"/>.</summary>
    public ImmutableArray<TerminalKeyVersions> KeyVersions { get; }

    /// <summary>True when the merchant may take card payments at all.</summary>
    public bool IsTrading => Status == MerchantStatus.Active;

    public bool HasTerminal(TerminalId terminal) => IndexOf(terminal) >= 0;

    /// <summary>The terminal's key versions; <c>default</c> when it is not a terminal of this merchant.</summary>
    public TerminalKeyVersions KeyVersionsOf(TerminalId terminal)
    {
        var index = IndexOf(terminal);
        return index < 0 ? default : KeyVersions[index];
    }

    private static ArgumentException Repeated(string parameter) => new("terminals: each terminal at most once", parameter);

    private int IndexOf(TerminalId terminal)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(terminal, out var found) ? found : -1;
        }
        var terminals = Terminals.AsSpan();
        for (var i = 0; i < terminals.Length; i++)
        {
            if (terminals[i] == terminal)
            {
                return i;
            }
        }
        return -1;
    }
}
