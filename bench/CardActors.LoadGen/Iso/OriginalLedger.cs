using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Iso;

/// <summary>The identifiers an original was sent with, which its follow-up must name (fields 37, 41 and 90).</summary>
internal readonly record struct OriginalIdentifiers(int Terminal, int Stan, long TransmissionDateTime);

/// <summary>
/// The identifiers of the most recent authorizations and purchases, in send order. Sequence
/// numbers only increase, so a follow-up finds its original by binary search over a fixed ring:
/// no allocation, no hashing. Scheduler thread only.
/// </summary>
internal sealed class OriginalLedger
{
    private readonly long[] _sequences;
    private readonly OriginalIdentifiers[] _identifiers;
    private int _head;
    private int _count;

    public OriginalLedger(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sequences = new long[capacity];
        _identifiers = new OriginalIdentifiers[capacity];
    }

    public static bool IsOriginal(OperationKind kind) => kind is OperationKind.Authorize or OperationKind.Purchase;

    public void Record(long sequence, in OriginalIdentifiers identifiers)
    {
        if (_count > 0 && sequence <= _sequences[Slot(_count - 1)])
        {
            throw new InvalidOperationException($"Original {sequence} recorded after {_sequences[Slot(_count - 1)]}: sequence numbers must increase.");
        }

        if (_count == _sequences.Length)
        {
            _head = (_head + 1) % _sequences.Length;
            _count--;
        }

        var slot = Slot(_count);
        _sequences[slot] = sequence;
        _identifiers[slot] = identifiers;
        _count++;
    }

    public bool TryFind(long sequence, out OriginalIdentifiers identifiers)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = _sequences[Slot(middle)];
            if (found == sequence)
            {
                identifiers = _identifiers[Slot(middle)];
                return true;
            }

            if (found < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        identifiers = default;
        return false;
    }

    private int Slot(int position) => (_head + position) % _sequences.Length;
}
