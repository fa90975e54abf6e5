namespace CardActors.LoadGen.Sampling;

/// <summary>
/// Draws ranks 1..n with probability proportional to 1/k^s (s = 0 is uniform), in O(1) time and
/// memory per draw whatever n is, by rejection-inversion (Hörmann and Derflinger, "Rejection-
/// inversion to generate variates from monotone discrete distributions", 1996).
/// </summary>
/// <remarks>
/// The method inverts the integral H of the hat function h(x) = x^-s over [1/2, n + 1/2]; a point
/// x drawn that way is rounded to the nearest rank k and accepted if it falls under the part of
/// the hat that belongs to k. Almost every draw is accepted at once, so the expected cost is a
/// couple of exp/log calls: cheaper than a binary search over a million-entry table, and with no
/// table to build when a run has ten million cards.
/// </remarks>
public sealed class ZipfSampler
{
    private readonly long _count;
    private readonly double _exponent;
    private readonly double _hIntegralOfFirst;
    private readonly double _hIntegralOfLast;
    private readonly double _acceptAtOnce;
    private double _normalizer = double.NaN;

    public ZipfSampler(long count, double exponent)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A Zipf distribution needs at least one element.");
        }

        if (!(exponent >= 0) || double.IsInfinity(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The Zipf exponent must be a finite number >= 0.");
        }

        _count = count;
        _exponent = exponent;
        _hIntegralOfFirst = HIntegral(1.5) - 1.0;
        _hIntegralOfLast = HIntegral(count + 0.5);
        _acceptAtOnce = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2.0));
    }

    public long Count => _count;

    public double Exponent => _exponent;

    /// <summary>A rank in [1, <see cref="Count"/>]; rank 1 is the most frequent.</summary>
    public long Sample(DeterministicRandom random)
    {
        if (_exponent == 0)
        {
            return 1 + random.NextInt64(_count);
        }

        while (true)
        {
            var u = _hIntegralOfLast + (random.NextDouble() * (_hIntegralOfFirst - _hIntegralOfLast));
            var x = HIntegralInverse(u);
            var k = (long)(x + 0.5);
            k = Math.Clamp(k, 1, _count);

            // Most draws land so close to their rank that acceptance needs no further evaluation.
            if (k - x <= _acceptAtOnce || u >= HIntegral(k + 0.5) - H(k))
            {
                return k;
            }
        }
    }

    /// <summary>The exact probability of <paramref name="rank"/> (the first call sums over all ranks).</summary>
    public double Probability(long rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, _count);
        if (double.IsNaN(_normalizer))
        {
            // Smallest terms first, so the sum loses as little as possible to rounding.
            var normalizer = 0.0;
            for (var k = _count; k >= 1; k--)
            {
                normalizer += Math.Pow(k, -_exponent);
            }

            _normalizer = normalizer;
        }

        return Math.Pow(rank, -_exponent) / _normalizer;
    }

    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    // (x^(1-s) - 1) / (1-s), written so it stays accurate as s approaches 1 (where it becomes log x).
    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return ExpM1OverX((1.0 - _exponent) * logX) * logX;
    }

    private double HIntegralInverse(double y)
    {
        var t = Math.Max(y * (1.0 - _exponent), -1.0);
        return Math.Exp(Log1POverX(t) * y);
    }

    private static double ExpM1OverX(double x) =>
        Math.Abs(x) > 1e-8 ? (Math.Exp(x) - 1.0) / x : 1.0 + (x * 0.5 * (1.0 + (x / 3.0 * (1.0 + (x * 0.25)))));

    private static double Log1POverX(double x) =>
        Math.Abs(x) > 1e-8 ? LogOnePlus(x) / x : 1.0 - (x * ((1.0 / 2.0) - (x * ((1.0 / 3.0) - (x * 0.25)))));

    // log(1 + x) without losing the low digits of small x.
    private static double LogOnePlus(double x)
    {
        var onePlus = 1.0 + x;
        return onePlus == 1.0 ? x : Math.Log(onePlus) * x / (onePlus - 1.0);
    }
}
