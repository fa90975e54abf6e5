using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>Copies every replayed event (the payload span is only valid during the call).</summary>
internal sealed class RecordingTarget : IReplayTarget
{
    public List<(long SequenceNr, byte[] Payload)> Events { get; } = [];

    public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload) => Events.Add((sequenceNr, payload.ToArray()));

    public static async Task<(long Highest, List<(long SequenceNr, byte[] Payload)> Events)> ReplayAsync(
        IPersistenceStore store, string persistenceId, long fromSequenceNr = 1)
    {
        var target = new RecordingTarget();
        var highest = await store.ReplayAsync(persistenceId, fromSequenceNr, target, CancellationToken.None);
        return (highest, target.Events);
    }
}
