using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Tests.Entities;

public sealed class SnapshotWriteOwnerTests
{
    [Fact]
    public void A_completed_snapshot_write_comes_back_empty_and_is_rented_again()
    {
        var owner = SnapshotWriteOwner.Instance;
        var write = owner.Rent();
        write.Begin("card|1", 3, 201);
        write.BeginSnapshot(200);
        write.GetSpan(1_500)[..1_500].Fill(7); // larger than the inline bytes: the write takes a buffer
        write.Advance(1_500);
        write.Complete(WriteStatus.Written);

        owner.OnWriteCompleted(write);

        Assert.False(write.HasSnapshot);
        Assert.Equal("", write.PersistenceId);
        Assert.Equal(WriteStatus.Pending, write.Status);
        Assert.Same(owner, write.Owner);
        // Other tests may rent concurrently; the pool hands back a reset write either way.
        var again = owner.Rent();
        Assert.False(again.HasSnapshot);
        Assert.Equal(0, again.EventCount);
        owner.Return(again);
    }
}
