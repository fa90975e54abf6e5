namespace CardActors.Runtime.Persistence;

/// <summary>Told when its write's outcome is known. Called on the writer's thread: must not block.</summary>
public interface IJournalWriteOwner
{
    void OnWriteCompleted(JournalWrite write);

    /// <summary>
    /// Called by the writer a few writes before <see cref="OnWriteCompleted"/>, so that what the
    /// completion will touch is on its way: at stage 0 the owner's waiting requests, at stage 1 what
    /// they continue with. Only hints; it may see the owner's state change and must not fail.
    /// </summary>
    void HintCompletion(int stage)
    {
    }
}
