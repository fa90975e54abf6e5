using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// One merchant's state, changed only by <see cref="Apply"/>. The unsettled totals are the
/// merchant's side of the money (credits for sales, debits for refunds) in minor units; they are
/// fed from the card journal by the settlement pipeline and are zero until it runs.
/// </summary>
public sealed partial class MerchantState
{
    public const int MaxTerminals = 4096;

    /// <summary>How many removed terminals' last key versions are remembered one by one (see <see cref="KeyVersionFloor"/>).</summary>
    public const int MaxRemovedKeyMemory = 4096;

    private MerchantProfile? _profile;

    public MerchantId Id { get; private set; }

    public MerchantStatus Status { get; private set; }

    public bool Exists => Status != MerchantStatus.None;

    public string Name { get; private set; } = string.Empty;

    public MerchantCategory Category { get; private set; }

    public MerchantGroupId Group { get; private set; }

    public ImmutableArray<ProjectId> Projects { get; private set; } = [];

    public ImmutableArray<TerminalId> Terminals { get; private set; } = [];

    /// <summary>The key versions of each terminal, at the same index as in <see cref="Terminals"/>.</summary>
    public ImmutableArray<TerminalKeyVersions> KeyVersions { get; private set; } = [];

    public SettlementCycle SettlementCycle { get; private set; }

    public AccountManagerId AccountManager { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Number of events applied: the version stamped on the profile.</summary>
    public long Version { get; private set; }

    /// <summary>Approved sales not yet settled.</summary>
    public long UnsettledSales { get; private set; }

    /// <summary>Refunds and reversals not yet settled.</summary>
    public long UnsettledRefunds { get; private set; }

    /// <summary>The current read-only copy for authorization; built once per version.</summary>
    public MerchantProfile Profile =>
        _profile ??= new MerchantProfile(Id, Version, Status, Category, Group, Projects, Terminals, KeyVersions);

    public void Apply(MerchantEvent merchantEvent)
    {
        ArgumentNullException.ThrowIfNull(merchantEvent);
        if (!Exists && merchantEvent is not MerchantRegistered)
        {
            throw Violation("event for a merchant that was never registered: " + merchantEvent.GetType().Name);
        }
        switch (merchantEvent)
        {
            case MerchantRegistered e:
                if (Exists)
                {
                    throw Violation("merchant registered twice");
                }
                Id = e.Merchant;
                Status = MerchantStatus.Active;
                Name = e.Name;
                Category = e.Category;
                Group = e.Group;
                Projects = e.Projects.IsDefault ? [] : e.Projects;
                SettlementCycle = e.SettlementCycle;
                AccountManager = e.AccountManager;
                RegisteredAt = e.At;
                break;
            case MerchantProfileUpdated e:
                Name = e.Name;
                Category = e.Category;
                Group = e.Group;
                Projects = e.Projects.IsDefault ? [] : e.Projects;
                break;
            case MerchantSuspended:
                Status = MerchantStatus.Suspended;
                break;
            case MerchantReactivated:
                Status = MerchantStatus.Active;
                break;
            case MerchantClosed:
                Status = MerchantStatus.Closed;
                break;
            case TerminalAdded e:
                AddTerminal(e.Terminal);
                break;
            case TerminalRemoved e:
                RemoveTerminal(e.Terminal);
                break;
            case TerminalKeyRotated e:
                RotateKey(e.Terminal, e.NewVersion);
                break;
            case TerminalPreviousKeyRetired e:
                RetirePreviousKey(e.Terminal);
                break;
            case SettlementCycleChanged e:
                SettlementCycle = e.SettlementCycle;
                break;
            case AccountManagerAssigned e:
                AccountManager = e.AccountManager;
                break;
            default:
                throw Violation("unknown event " + merchantEvent.GetType().Name);
        }
        Version++;
        _profile = null;
        if (!SettlementCycle.IsValid)
        {
            throw Violation("settlement cycle out of range");
        }
    }

    /// <summary>Restores a snapshot; used by the codec only.</summary>
    internal void Restore(MerchantSnapshot snapshot)
    {
        Id = snapshot.Id;
        Status = snapshot.Status;
        Name = snapshot.Name;
        Category = snapshot.Category;
        Group = snapshot.Group;
        Projects = snapshot.Projects;
        RestoreTerminals(snapshot);
        SettlementCycle = snapshot.SettlementCycle;
        AccountManager = snapshot.AccountManager;
        RegisteredAt = snapshot.RegisteredAt;
        Version = snapshot.Version;
        UnsettledSales = snapshot.UnsettledSales;
        UnsettledRefunds = snapshot.UnsettledRefunds;
        _profile = null;
    }

    private static InvalidOperationException Violation(string what) => new("merchant invariant violated: " + what);
}

/// <summary>Every field of a <see cref="MerchantState"/>, as the snapshot codec reads and writes it.</summary>
internal sealed record MerchantSnapshot(
    MerchantId Id,
    MerchantStatus Status,
    string Name,
    MerchantCategory Category,
    MerchantGroupId Group,
    ImmutableArray<ProjectId> Projects,
    ImmutableArray<TerminalId> Terminals,
    ImmutableArray<TerminalKeyVersions> KeyVersions,
    SettlementCycle SettlementCycle,
    AccountManagerId AccountManager,
    DateTimeOffset RegisteredAt,
    long Version,
    long UnsettledSales,
    long UnsettledRefunds,
    ImmutableArray<RemovedTerminalKey> RemovedKeys,
    int KeyVersionFloor);
