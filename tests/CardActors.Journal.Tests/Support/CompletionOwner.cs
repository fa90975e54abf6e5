using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>Lets a test await the outcome of a write it handed to a <see cref="JournalWriter"/>.</summary>
internal sealed class CompletionOwner : IJournalWriteOwner
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completed => _completed.Task;

    public void OnWriteCompleted(JournalWrite write) => _completed.TrySetResult();
}
