using CardActors.LoadGen.Sampling;

namespace CardActors.LoadGen.Workload;

/// <summary>Draws amounts from an <see cref="AmountDistribution"/>, in integer minor units.</summary>
public sealed class AmountSampler
{
    private readonly AmountDistributionKind _kind;
    private readonly long _minimum;
    private readonly long _maximum;
    private readonly long[] _values;
    private readonly WeightedIndexSampler? _choice;

    public AmountSampler(AmountDistribution distribution, string name)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        distribution.Validate(name);
        _kind = distribution.Kind;
        _minimum = distribution.Minimum;
        _maximum = distribution.Maximum;
        _values = [.. distribution.Values.Select(v => v.Amount)];
        if (_kind == AmountDistributionKind.Weighted)
        {
            _choice = new WeightedIndexSampler([.. distribution.Values.Select(v => (long)v.Weight)]);
        }
    }

    public long Sample(DeterministicRandom random) => _kind switch
    {
        AmountDistributionKind.Fixed => _minimum,
        AmountDistributionKind.Uniform => random.NextInt64(_minimum, _maximum),
        _ => _values[_choice!.Sample(random)],
    };
}
