namespace CardActors.Runtime.Entities;

/// <summary>
/// A read of an entity's state that travels through its mailbox like a command, so it sees every
/// command sent before it, and runs on the entity's turn without persisting anything.
/// </summary>
internal abstract class Inspection<TState>
{
    public abstract void Run(TState state);

    public abstract void Fail(Exception error);
}

internal sealed class Inspection<TState, TResult>(Func<TState, TResult> read) : Inspection<TState>
{
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => _result.Task;

    public override void Run(TState state)
    {
        try
        {
            _result.TrySetResult(read(state));
        }
        catch (Exception exception)
        {
            _result.TrySetException(exception);
        }
    }

    public override void Fail(Exception error) => _result.TrySetException(error);
}
