using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Tests.Persistence;

public sealed class JournalWriteTests
{
    private sealed class NoOwner : IJournalWriteOwner
    {
        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }

    [Fact]
    public void Small_and_large_payloads_read_back_whole_whichever_write_came_before()
    {
        var write = new JournalWrite(new NoOwner());
        byte[][] payloads = [Bytes(40, 1), Bytes(3_000, 2), Bytes(90, 3), Bytes(97, 4), Bytes(10, 5), Bytes(5_000, 6), Bytes(64, 7)];
        for (var round = 0; round < payloads.Length; round++)
        {
            var first = payloads[round];
            var second = payloads[(round + 1) % payloads.Length];
            write.Begin("entity-1", 0, 1 + (2 * round));
            Append(write, first);
            Append(write, second);
            write.BeginSnapshot(2 + (2 * round));
            Append(write, first);

            Assert.Equal(2, write.EventCount);
            Assert.Equal(first, write.PayloadSpan(0).ToArray());
            Assert.Equal(second, write.PayloadSpan(1).ToArray());
            Assert.Equal(first, write.SnapshotPayload.ToArray());
            write.Reset();
        }
    }

    [Fact]
    public void A_write_fits_in_what_the_turn_hints()
    {
        var owner = new NoOwner();
        _ = new JournalWrite(owner);
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = new JournalWrite(owner);
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(size <= JournalWrite.ApproximateBytes, $"a write takes {size} bytes; JournalWrite.ApproximateBytes ({JournalWrite.ApproximateBytes}) must cover it");
    }

    private static void Append(JournalWrite write, byte[] payload)
    {
        // In pieces, as a codec writes its fields.
        for (var offset = 0; offset < payload.Length; offset += 7)
        {
            var piece = payload.AsSpan(offset, Math.Min(7, payload.Length - offset));
            piece.CopyTo(write.GetSpan(piece.Length));
            write.Advance(piece.Length);
        }

        if (!write.HasSnapshot)
        {
            write.EndEvent();
        }
    }

    private static byte[] Bytes(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + (i * 31));
        }

        return bytes;
    }
}
