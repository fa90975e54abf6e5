namespace CardActors.Runtime.Dispatch;

/// <summary>
/// The scheduling half of an actor: a thread-pool work item that runs one turn at a time.
/// It is scheduled by a CAS from idle to scheduled, so at most one thread runs a given actor, and it
/// re-checks for work after going idle, so a message that raced the transition is never stranded.
/// Signals (system messages) are bit flags handled before user messages in every turn.
/// </summary>
/// <remarks>
/// Synchronous fast path: a thread that is not itself inside a turn (a connection handler, an
/// asker's continuation, the journal writer) and finds the actor idle runs the turn at once instead
/// of queueing it, which saves a thread-pool hop per message. Turns never nest: inside a turn every
/// send is queued, so a handler's stack never grows with the messages it sends.
/// <para>
/// Answers wait for the end of the turn: they are taken when it ends (<see cref="TakeAnswers"/>)
/// and given once the actor is free again (<see cref="GiveAnswers"/>), so a new turn of the same
/// actor may already run elsewhere meanwhile. A turn that no other turn's answers led to may run
/// its askers' continuations right there: the asker's next request then runs its actor's turn on
/// this thread too, with the cache lines still here, instead of two thread-pool hops. That next
/// turn's own answers are queued, so at most one turn runs inside another's answers and the stack
/// stays bounded; and since the actor is free by then, a continuation that waits for that same
/// actor does not wait for itself.
/// </para>
/// </remarks>
public abstract class Mailbox : IThreadPoolWorkItem
{
    [ThreadStatic] private static int t_inTurn;
    [ThreadStatic] private static int t_answering;
    private int _scheduled;
    private int _signals;

    /// <summary>Runs one turn: pending signals first, then up to the throughput of user messages.</summary>
    protected abstract void RunTurn(int signals);

    /// <summary>True when user work is queued and the actor is in a state to process it.</summary>
    protected abstract bool HasRunnableWork { get; }

    /// <summary>A kernel defect escaped a turn; the actor must stop itself, other actors continue.</summary>
    protected abstract void OnTurnCrashed(Exception exception);

    /// <summary>The answers the turn that just ended gave, taken while the turn is still exclusive; null for none.</summary>
    protected virtual object? TakeAnswers() => null;

    /// <summary>
    /// Gives answers taken by <see cref="TakeAnswers"/>, after the actor is free again: it may run
    /// another turn at the same time, so this touches nothing but the answers. When
    /// <paramref name="continueHere"/> is true, askers' continuations may run on this thread (see
    /// the remarks); otherwise they must be queued. Must not throw: what an asker's continuation
    /// throws is the asker's.
    /// </summary>
    protected virtual void GiveAnswers(object answers, bool continueHere)
    {
    }

    /// <summary>True when a signal is raised that no turn has taken yet.</summary>
    protected bool HasSignals => Volatile.Read(ref _signals) != 0;

    /// <summary>Raises a signal and makes sure a turn will see it.</summary>
    protected void Raise(int signal, bool allowInline = true)
    {
        Interlocked.Or(ref _signals, signal);
        Schedule(allowInline);
    }

    /// <summary>
    /// Makes sure a turn will run: unless one is scheduled or running (that turn re-checks on exit),
    /// runs it here when allowed and not inside another turn, else queues it on the thread pool.
    /// </summary>
    protected void Schedule(bool allowInline = true)
    {
        if (Volatile.Read(ref _scheduled) != 0 || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
        {
            return;
        }

        if (allowInline && t_inTurn == 0)
        {
            RunScheduledTurn();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => RunScheduledTurn();

    private void RunScheduledTurn()
    {
        t_inTurn++;
        try
        {
            RunTurn(Interlocked.Exchange(ref _signals, 0));
        }
        catch (Exception exception)
        {
            OnTurnCrashed(exception);
        }
        finally
        {
            t_inTurn--;
        }

        var answers = TakeAnswers();

        // The exchange is a full fence: a producer that pushed before it sees 0 and schedules, or we
        // see its message below. Either way nothing is stranded. Follow-up turns are queued, so one
        // caller's stack never runs an actor for long.
        Interlocked.Exchange(ref _scheduled, 0);
        if (Volatile.Read(ref _signals) != 0 || HasRunnableWork)
        {
            Schedule(allowInline: false);
        }

        if (answers is not null)
        {
            var continueHere = t_answering == 0;
            t_answering++;
            try
            {
                GiveAnswers(answers, continueHere);
            }
            finally
            {
                t_answering--;
            }
        }
    }
}
