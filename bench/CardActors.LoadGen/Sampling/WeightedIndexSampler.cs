namespace CardActors.LoadGen.Sampling;

/// <summary>
/// Draws an index with probability proportional to its integer weight: one random draw and a
/// binary search over the cumulative weights. Integer weights keep the choice exact and the
/// configuration readable ("60 purchases for every 10 authorizations").
/// </summary>
public sealed class WeightedIndexSampler
{
    private readonly long[] _cumulative;

    public WeightedIndexSampler(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        _cumulative = new long[weights.Count];
        long total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0)
            {
                throw new ArgumentException($"Weight {i} is negative ({weights[i]}).", nameof(weights));
            }

            total = checked(total + weights[i]);
            _cumulative[i] = total;
        }

        if (total == 0)
        {
            throw new ArgumentException("The weights add up to zero.", nameof(weights));
        }
    }

    public int Count => _cumulative.Length;

    public long TotalWeight => _cumulative[^1];

    public int Sample(DeterministicRandom random)
    {
        var point = random.NextInt64(TotalWeight);

        // The first index whose cumulative weight exceeds the point; zero weights are never chosen.
        int low = 0, high = _cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_cumulative[middle] > point)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
