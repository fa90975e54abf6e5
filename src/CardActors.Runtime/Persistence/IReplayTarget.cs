namespace CardActors.Runtime.Persistence;

/// <summary>Receives replayed events in sequence order. The payload is only valid during the call.</summary>
public interface IReplayTarget
{
    void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload);
}
