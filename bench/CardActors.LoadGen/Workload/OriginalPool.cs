namespace CardActors.LoadGen.Workload;

/// <summary>
/// Earlier requests waiting for a follow-up, oldest first, in a fixed ring: each original is
/// handed out at most once (a purchase is refunded or reversed, never both), and when the ring
/// is full the oldest is dropped rather than the memory growing with the run.
/// </summary>
internal sealed class OriginalPool
{
    private readonly LoadRequest[] _requests;
    private readonly long[] _intended;
    private readonly long[] _ordinals; // the original's place among all originals created, from 1
    private int _head;
    private int _count;

    public OriginalPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _requests = new LoadRequest[capacity];
        _intended = new long[capacity];
        _ordinals = new long[capacity];
    }

    public int Count => _count;

    /// <summary>Originals forgotten because the pool was full.</summary>
    public long Dropped { get; private set; }

    public void Add(in LoadRequest request, long intendedTimestamp, long ordinal)
    {
        if (_count == _requests.Length)
        {
            _head = Next(_head);
            _count--;
            Dropped++;
        }

        var tail = (_head + _count) % _requests.Length;
        _requests[tail] = request;
        _intended[tail] = intendedTimestamp;
        _ordinals[tail] = ordinal;
        _count++;
    }

    /// <summary>
    /// Drops the originals created before <paramref name="oldestRemembered"/> (counted as dropped):
    /// the target no longer remembers how they were sent, so a follow-up could not name them.
    /// </summary>
    public void ForgetBefore(long oldestRemembered)
    {
        while (_count > 0 && _ordinals[_head] < oldestRemembered)
        {
            _head = Next(_head);
            _count--;
            Dropped++;
        }
    }

    /// <summary>Whether the oldest original was intended at or before <paramref name="cutoff"/>.</summary>
    public bool HasEligible(long cutoff) => _count > 0 && _intended[_head] <= cutoff;

    /// <summary>Takes the oldest original if it was intended at or before <paramref name="cutoff"/>.</summary>
    public bool TryTake(long cutoff, out OriginalReference original, out LoadRequest request)
    {
        if (!HasEligible(cutoff))
        {
            original = OriginalReference.None;
            request = default;
            return false;
        }

        request = _requests[_head];
        original = new OriginalReference(request.Sequence, request.Kind, request.Amount, _intended[_head]);
        _head = Next(_head);
        _count--;
        return true;
    }

    private int Next(int index) => index + 1 == _requests.Length ? 0 : index + 1;
}
