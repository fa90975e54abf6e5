namespace CardActors.Runtime.Persistence;

/// <summary>Told when its write's outcome is known. Called on the writer's thread: must not block.</summary>
public interface IJournalWriteOwner
{
    void OnWriteCompleted(JournalWrite write);

    /// <summary>
    /// Called by the writer a few writes before <see cref="OnWriteCompleted"/>: hints the requests
    /// waiting for the write. Only a hint; it may see the owner's state change and must not fail.
    /// </summary>
    void HintWaiting()
    {
    }

    /// <summary>Called after <see cref="HintWaiting"/>, closer to the completion: hints what those requests continue with.</summary>
    void HintContinuations()
    {
    }
}
