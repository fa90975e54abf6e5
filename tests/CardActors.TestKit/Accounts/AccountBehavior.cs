using CardActors.Runtime.Entities;

namespace CardActors.TestKit.Accounts;

public sealed class AccountBehavior : IEntityBehavior<long, AccountState, AccountCommand, AccountEvent, AccountReply>
{
    public AccountState CreateState(long key) => new();

    public Effect<AccountEvent, AccountReply> Decide(AccountState state, AccountCommand command) => command switch
    {
        Debit d when d.Amount > state.Balance => Effect<AccountEvent, AccountReply>.ReplyOnly(new(AccountOutcome.Insufficient, state.Balance, state.Events)),
        Debit d => Effect<AccountEvent, AccountReply>.Persist(new Debited(d.Amount), new(AccountOutcome.Ok, state.Balance - d.Amount, state.Events + 1)),
        Credit c => Effect<AccountEvent, AccountReply>.Persist(new Credited(c.Amount), new(AccountOutcome.Ok, state.Balance + c.Amount, state.Events + 1)),
        ReadBalance => Effect<AccountEvent, AccountReply>.ReplyOnly(new(AccountOutcome.Ok, state.Balance, state.Events)),
        ScheduleWakeUp s => Effect<AccountEvent, AccountReply>.Persist(new WakeUpScheduled(s.At), new(AccountOutcome.Ok, state.Balance, state.Events + 1)),
        WakeUp w when state.WakeUpAt is { } at && at <= w.Now => Effect<AccountEvent, AccountReply>.Persist(new WokeUp(w.Now), new(AccountOutcome.Ok, state.Balance, state.Events + 1)),
        WakeUp => Effect<AccountEvent, AccountReply>.ReplyOnly(new(AccountOutcome.Ok, state.Balance, state.Events)),
        Explode => throw new InvalidOperationException("Exploded on purpose."),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown command"),
    };

    public AccountState Apply(AccountState state, AccountEvent @event)
    {
        switch (@event)
        {
            case Credited c:
                state.Balance += c.Amount;
                break;
            case Debited d:
                state.Balance -= d.Amount;
                if (state.Balance < 0)
                {
                    throw new InvalidOperationException("Balance below zero.");
                }

                break;
            case WakeUpScheduled s:
                state.WakeUpAt = s.At;
                break;
            case WokeUp:
                state.WakeUpAt = null;
                state.WakeUps++;
                break;
        }

        state.Events++;
        return state;
    }

    public DateTimeOffset? NextDeadline(AccountState state) => state.WakeUpAt;

    public AccountCommand DeadlineReached(DateTimeOffset now) => new WakeUp(now);

    public AccountReply FailureReply(EntityFailure failure) => new(failure switch
    {
        EntityFailure.Busy => AccountOutcome.Busy,
        EntityFailure.Unavailable => AccountOutcome.Unavailable,
        EntityFailure.OwnershipLost => AccountOutcome.OwnershipLost,
        _ => AccountOutcome.Crashed,
    }, 0, 0);
}
