namespace CardActors.Runtime.Persistence;

/// <summary>Told when its write's outcome is known. Called on the writer's thread: must not block.</summary>
public interface IJournalWriteOwner
{
    void OnWriteCompleted(JournalWrite write);
}
