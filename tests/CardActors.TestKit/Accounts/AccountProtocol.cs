namespace CardActors.TestKit.Accounts;

/// <summary>
/// A minimal balance entity for exercising the kernel: debits refused below zero, credits, a way to
/// make the handler throw, and an optional deadline. Its rules are deliberately trivial.
/// </summary>
public abstract record AccountCommand;

public sealed record Credit(long Amount) : AccountCommand;

public sealed record Debit(long Amount) : AccountCommand;

public sealed record ReadBalance : AccountCommand
{
    public static readonly ReadBalance Instance = new();
}

/// <summary>Sets (or clears, with null) the instant at which the account wants a deadline command.</summary>
public sealed record ScheduleWakeUp(DateTimeOffset? At) : AccountCommand;

public sealed record Explode : AccountCommand
{
    public static readonly Explode Instance = new();
}

public sealed record WakeUp(DateTimeOffset Now) : AccountCommand;

public abstract record AccountEvent;

public sealed record Credited(long Amount) : AccountEvent;

public sealed record Debited(long Amount) : AccountEvent;

public sealed record WakeUpScheduled(DateTimeOffset? At) : AccountEvent;

public sealed record WokeUp(DateTimeOffset At) : AccountEvent;

public enum AccountOutcome : byte
{
    Ok,
    Insufficient,
    Busy,
    Unavailable,
    OwnershipLost,
    Crashed,
}

public readonly record struct AccountReply(AccountOutcome Outcome, long Balance, long SequenceNr);

/// <summary>The account's state; mutable, owned by its entity.</summary>
public sealed class AccountState
{
    public long Balance { get; set; }

    public long Events { get; set; }

    public DateTimeOffset? WakeUpAt { get; set; }

    public int WakeUps { get; set; }
}
