using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>A request to one merchant entity.</summary>
public abstract record MerchantCommand;

public sealed record RegisterMerchant(
    MerchantId Merchant,
    string Name,
    MerchantCategory Category,
    MerchantGroupId Group,
    ImmutableArray<ProjectId> Projects,
    SettlementCycle SettlementCycle,
    AccountManagerId AccountManager) : MerchantCommand;

public sealed record UpdateMerchantProfile(string Name, MerchantCategory Category, MerchantGroupId Group, ImmutableArray<ProjectId> Projects) : MerchantCommand;

public sealed record SuspendMerchant : MerchantCommand;

public sealed record ReactivateMerchant : MerchantCommand;

/// <summary>Ends trading for good; settlement of what is already owed continues elsewhere.</summary>
public sealed record CloseMerchant : MerchantCommand;

public sealed record AddTerminal(TerminalId Terminal) : MerchantCommand;

public sealed record RemoveTerminal(TerminalId Terminal) : MerchantCommand;

/// <summary>Starts a key rotation: a new current version; the old one stays accepted as the previous.</summary>
public sealed record RotateTerminalKey(TerminalId Terminal) : MerchantCommand;

/// <summary>Ends a key rotation: the previous version is no longer accepted.</summary>
public sealed record RetirePreviousTerminalKey(TerminalId Terminal) : MerchantCommand;

/// <summary>Takes effect from the next settlement cycle.</summary>
public sealed record ChangeSettlementCycle(SettlementCycle SettlementCycle) : MerchantCommand;

public sealed record AssignAccountManager(AccountManagerId AccountManager) : MerchantCommand;
