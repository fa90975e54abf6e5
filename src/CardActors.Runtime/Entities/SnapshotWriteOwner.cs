using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Entities;

/// <summary>Snapshots are an optimisation: a failed one is simply written again later.</summary>
internal sealed class SnapshotWriteOwner : IJournalWriteOwner
{
    public static readonly SnapshotWriteOwner Instance = new();

    public void OnWriteCompleted(JournalWrite write) => write.Reset();
}
