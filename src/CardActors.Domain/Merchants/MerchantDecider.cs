using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// Decides merchant commands. Commands are idempotent by state: asking for what already holds
/// (suspend a suspended merchant, add a terminal it has) is accepted without an event.
/// </summary>
public static class MerchantDecider
{
    public const int MaxNameLength = 100;

    public static MerchantDecision Decide(MerchantState state, MerchantCommand command, in MerchantContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var now = context.Now;
        if (command is RegisterMerchant register)
        {
            return DecideRegister(state, register, now);
        }
        if (!state.Exists)
        {
            return Reject(state, MerchantRejection.NotRegistered);
        }
        if (state.Status == MerchantStatus.Closed)
        {
            return command is CloseMerchant ? Accept(state) : Reject(state, MerchantRejection.Closed);
        }
        return command switch
        {
            UpdateMerchantProfile c => DecideUpdate(state, c, now),
            SuspendMerchant => state.Status == MerchantStatus.Suspended ? Accept(state) : Accept(state, new MerchantSuspended(now)),
            ReactivateMerchant => state.Status == MerchantStatus.Active ? Accept(state) : Accept(state, new MerchantReactivated(now)),
            CloseMerchant => Accept(state, new MerchantClosed(now)),
            AddTerminal c => c.Terminal.IsEmpty ? Reject(state, MerchantRejection.TerminalMissing)
                : state.Terminals.Contains(c.Terminal) ? Accept(state)
                : state.Terminals.Length >= MerchantState.MaxTerminals ? Reject(state, MerchantRejection.TooManyTerminals)
                : Accept(state, new TerminalAdded(now, c.Terminal)),
            RemoveTerminal c => c.Terminal.IsEmpty ? Reject(state, MerchantRejection.TerminalMissing)
                : state.Terminals.Contains(c.Terminal) ? Accept(state, new TerminalRemoved(now, c.Terminal))
                : Accept(state),
            RotateTerminalKey c => DecideRotateKey(state, c.Terminal, now),
            RetirePreviousTerminalKey c => DecideRetirePreviousKey(state, c.Terminal, now),
            ChangeSettlementCycle c => !c.SettlementCycle.IsValid ? Reject(state, MerchantRejection.SettlementCycleInvalid)
                : c.SettlementCycle == state.SettlementCycle ? Accept(state)
                : Accept(state, new SettlementCycleChanged(now, c.SettlementCycle)),
            AssignAccountManager c => c.AccountManager == state.AccountManager ? Accept(state)
                : Accept(state, new AccountManagerAssigned(now, c.AccountManager)),
            _ => throw new ArgumentException("unknown merchant command " + command.GetType().Name, nameof(command)),
        };
    }

    private static MerchantDecision DecideRegister(MerchantState state, RegisterMerchant command, DateTimeOffset now)
    {
        var problem = command.Merchant.IsEmpty ? MerchantRejection.MerchantIdMissing
            : !IsValidName(command.Name) ? MerchantRejection.NameInvalid
            : command.Category.IsNone ? MerchantRejection.CategoryMissing
            : !command.SettlementCycle.IsValid ? MerchantRejection.SettlementCycleInvalid
            : MerchantRejection.None;
        if (problem != MerchantRejection.None)
        {
            return Reject(state, problem);
        }
        if (state.Exists)
        {
            // A repeat of the registration that created this merchant is answered as accepted.
            return state.Id == command.Merchant && state.Name == command.Name ? Accept(state) : Reject(state, MerchantRejection.AlreadyRegistered);
        }
        return Accept(state, new MerchantRegistered(
            now, command.Merchant, command.Name, command.Category, command.Group, Normalize(command.Projects),
            command.SettlementCycle, command.AccountManager));
    }

    private static MerchantDecision DecideUpdate(MerchantState state, UpdateMerchantProfile command, DateTimeOffset now)
    {
        if (!IsValidName(command.Name))
        {
            return Reject(state, MerchantRejection.NameInvalid);
        }
        if (command.Category.IsNone)
        {
            return Reject(state, MerchantRejection.CategoryMissing);
        }
        var projects = Normalize(command.Projects);
        if (command.Name == state.Name && command.Category == state.Category && command.Group == state.Group
            && projects.AsSpan().SequenceEqual(state.Projects.AsSpan()))
        {
            return Accept(state);
        }
        return Accept(state, new MerchantProfileUpdated(now, command.Name, command.Category, command.Group, projects));
    }

    /// <summary>Allowed while suspended too: key hygiene must not wait for trading to resume.</summary>
    private static MerchantDecision DecideRotateKey(MerchantState state, TerminalId terminal, DateTimeOffset now)
    {
        if (terminal.IsEmpty)
        {
            return Reject(state, MerchantRejection.TerminalMissing);
        }
        var versions = state.KeyVersionsOf(terminal);
        return versions.IsNone
            ? Reject(state, MerchantRejection.TerminalUnknown)
            : Accept(state, new TerminalKeyRotated(now, terminal, checked(versions.Current + 1)));
    }

    private static MerchantDecision DecideRetirePreviousKey(MerchantState state, TerminalId terminal, DateTimeOffset now)
    {
        if (terminal.IsEmpty)
        {
            return Reject(state, MerchantRejection.TerminalMissing);
        }
        var versions = state.KeyVersionsOf(terminal);
        return versions.IsNone ? Reject(state, MerchantRejection.TerminalUnknown)
            : versions.HasPrevious ? Accept(state, new TerminalPreviousKeyRetired(now, terminal))
            : Accept(state);
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength;

    private static ImmutableArray<ProjectId> Normalize(ImmutableArray<ProjectId> projects) =>
        projects.IsDefault ? [] : projects;

    private static MerchantDecision Accept(MerchantState state) =>
        new(null, new MerchantReply(true, MerchantRejection.None, state.Version));

    private static MerchantDecision Accept(MerchantState state, MerchantEvent @event) =>
        new(@event, new MerchantReply(true, MerchantRejection.None, state.Version + 1));

    private static MerchantDecision Reject(MerchantState state, MerchantRejection rejection) =>
        new(null, new MerchantReply(false, rejection, state.Version));
}
