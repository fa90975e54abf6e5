using CardActors.Journal.Tests.Support;

namespace CardActors.Journal.Tests.Contract;

/// <summary>Batched recovery: every entity of one read gets its own snapshot and events, nothing of another's.</summary>
public abstract partial class JournalContract<TFixture>
{
    [Fact]
    public async Task A_batched_recovery_gives_each_entity_its_snapshot_then_the_events_after_it()
    {
        await Store.WriteBatchAsync(
            Writes.Numbered("r|snap-and-events", 1, 1, 3).WithSnapshot(3, [3, 3]),
            Writes.Numbered("r|events", 2, 1, 3),
            Writes.Numbered("r|snap-only", 1, 1, 2).WithSnapshot(2, [2]));
        await Store.WriteBatchAsync(Writes.Numbered("r|snap-and-events", 1, 4, 2), Writes.Numbered("r|events", 2, 4, 1));

        var recovered = await RecoveryRecorder.RecoverAsync(Store, "r|events", "r|nothing", "r|snap-and-events", "r|snap-only");

        Assert.Equal(
            [("E", 1L, "r|events#1"), ("E", 2L, "r|events#2"), ("E", 3L, "r|events#3"), ("E", 4L, "r|events#4")],
            recovered[0].Received.Select(r => (r.Kind, r.SequenceNr, Text(r.Payload))));
        Assert.Empty(recovered[1].Received);
        Assert.Equal(
            [("S", 3L, "0303"), ("E", 4L, Hex("r|snap-and-events", 4)), ("E", 5L, Hex("r|snap-and-events", 5))],
            recovered[2].Received.Select(r => (r.Kind, r.SequenceNr, Convert.ToHexString(r.Payload))));
        Assert.Equal([("S", 2L, "02")], recovered[3].Received.Select(r => (r.Kind, r.SequenceNr, Convert.ToHexString(r.Payload))));
    }

    [Fact]
    public async Task A_batched_recovery_of_many_entities_matches_their_replays()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"many|{i}").ToArray();
        var writes = ids.Select((id, i) => Writes.Numbered(id, i % 8, 1, 1 + (i % 5))).ToArray();
        await Store.WriteBatchAsync(writes);
        await Store.WriteBatchAsync(ids.Where((_, i) => i % 3 == 0).Select((id, i) => Writes.Snapshot(id, 0, 1, [(byte)i])).ToArray());

        var recovered = await RecoveryRecorder.RecoverAsync(Store, ids);

        for (var i = 0; i < ids.Length; i++)
        {
            var snapshot = await Store.LoadAsync(ids[i], CancellationToken.None);
            var (_, events) = await RecordingTarget.ReplayAsync(Store, ids[i], (snapshot?.SequenceNr ?? 0) + 1);
            var expected = events.Select(e => ("E", e.SequenceNr, Convert.ToHexString(e.Payload))).ToList();
            if (snapshot is not null)
            {
                expected.Insert(0, ("S", snapshot.SequenceNr, Convert.ToHexString(snapshot.Payload.Span)));
            }

            Assert.Equal(expected, recovered[i].Received.Select(r => (r.Kind, r.SequenceNr, Convert.ToHexString(r.Payload))));
        }
    }

    private static string Text(byte[] payload) => System.Text.Encoding.UTF8.GetString(payload);

    private static string Hex(string persistenceId, long sequenceNr) => Convert.ToHexString(Writes.Payload(persistenceId, sequenceNr));
}
