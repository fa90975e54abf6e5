using CardActors.Runtime.Actors;

namespace CardActors.Runtime.Tests.Actors;

/// <summary>Records (sender, sequence) pairs in arrival order and answers an ask with the count so far.</summary>
internal sealed class RecordingActor : Actor<(int Sender, int Sequence), int>
{
    private readonly List<(int Sender, int Sequence)> _received = [];
    private readonly CountdownEvent? _done;

    public RecordingActor(CountdownEvent? done = null) => _done = done;

    public IReadOnlyList<(int Sender, int Sequence)> Received => _received;

    protected override void Receive(in Delivery<(int Sender, int Sequence), int> delivery)
    {
        if (delivery.Message.Sequence < 0)
        {
            throw new InvalidOperationException("negative sequence");
        }

        _received.Add(delivery.Message);
        delivery.Reply(_received.Count);
        _done?.Signal();
    }
}
