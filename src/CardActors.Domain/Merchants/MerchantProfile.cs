using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// The read-only copy of a merchant that authorization consults on every node: status, category,
/// group and projects for scope rules, and the terminals allowed to trade. <see cref="Version"/>
/// is the merchant entity's event count, so a node keeps the newest copy it has seen.
/// </summary>
public sealed class MerchantProfile
{
    public MerchantProfile(
        MerchantId id,
        long version,
        MerchantStatus status,
        MerchantCategory category,
        MerchantGroupId group,
        ImmutableArray<ProjectId> projects,
        ImmutableArray<TerminalId> terminals)
    {
        Id = id;
        Version = version;
        Status = status;
        Category = category;
        Group = group;
        Projects = projects.IsDefault ? [] : projects;
        Terminals = terminals.IsDefault ? [] : terminals;
    }

    public MerchantId Id { get; }

    public long Version { get; }

    public MerchantStatus Status { get; }

    public MerchantCategory Category { get; }

    public MerchantGroupId Group { get; }

    public ImmutableArray<ProjectId> Projects { get; }

    public ImmutableArray<TerminalId> Terminals { get; }

    /// <summary>True when the merchant may take card payments at all.</summary>
    public bool IsTrading => Status == MerchantStatus.Active;

    public bool HasTerminal(TerminalId terminal) => Terminals.Contains(terminal);
}
