using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>A fact in a merchant's journal.</summary>
public abstract record MerchantEvent(DateTimeOffset At);

public sealed record MerchantRegistered(
    DateTimeOffset At,
    MerchantId Merchant,
    string Name,
    MerchantCategory Category,
    MerchantGroupId Group,
    ImmutableArray<ProjectId> Projects,
    SettlementCycle SettlementCycle,
    AccountManagerId AccountManager) : MerchantEvent(At);

public sealed record MerchantProfileUpdated(DateTimeOffset At, string Name, MerchantCategory Category, MerchantGroupId Group, ImmutableArray<ProjectId> Projects)
    : MerchantEvent(At);

public sealed record MerchantSuspended(DateTimeOffset At) : MerchantEvent(At);

public sealed record MerchantReactivated(DateTimeOffset At) : MerchantEvent(At);

public sealed record MerchantClosed(DateTimeOffset At) : MerchantEvent(At);

public sealed record TerminalAdded(DateTimeOffset At, TerminalId Terminal) : MerchantEvent(At);

public sealed record TerminalRemoved(DateTimeOffset At, TerminalId Terminal) : MerchantEvent(At);

/// <summary>The terminal's current key version became <see cref="NewVersion"/> (one above the old current, which becomes the previous).</summary>
public sealed record TerminalKeyRotated(DateTimeOffset At, TerminalId Terminal, int NewVersion) : MerchantEvent(At);

public sealed record TerminalPreviousKeyRetired(DateTimeOffset At, TerminalId Terminal) : MerchantEvent(At);

public sealed record SettlementCycleChanged(DateTimeOffset At, SettlementCycle SettlementCycle) : MerchantEvent(At);

public sealed record AccountManagerAssigned(DateTimeOffset At, AccountManagerId AccountManager) : MerchantEvent(At);
