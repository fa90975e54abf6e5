using CardActors.LoadGen.Sampling;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Workload;

/// <summary>
/// Produces the run's requests. The stream is a pure function of the options, the seed and the
/// intended times, never of the target's answers, so two runs with the same seed send the same
/// requests and can be compared.
/// </summary>
/// <remarks>
/// Completions and reversals of authorizations take the oldest open authorization, refunds and
/// reversals of purchases the oldest purchase, once it was intended at least
/// <see cref="WorkloadOptions.FollowUpDelay"/> earlier. When none qualifies (at the start of a run,
/// or when the mix asks for more follow-ups than there are originals) the draw becomes the
/// operation that creates an original, and is counted as substituted. A follow-up of an original
/// the target declined is sent anyway; the target's answer to it shows in the response codes.
/// </remarks>
public sealed class WorkloadGenerator
{
    private readonly ZipfSampler _cards;
    private readonly ZipfSampler _merchants;
    private readonly WeightedIndexSampler _mix;
    private readonly AmountSampler _spend;
    private readonly AmountSampler _topUp;
    private readonly DeterministicRandom _cardRandom;
    private readonly DeterministicRandom _merchantRandom;
    private readonly DeterministicRandom _mixRandom;
    private readonly DeterministicRandom _amountRandom;
    private readonly DeterministicRandom _originalRandom;
    private readonly OriginalPool _authorizations;
    private readonly OriginalPool _purchases;
    private readonly long _followUpDelay;
    private readonly int _rememberedOriginals;
    private long _originalsCreated;
    private readonly OperationKind _reversalFallback;
    private readonly long[] _issued = new long[OperationKinds.Count];
    private readonly long[] _substituted = new long[OperationKinds.Count];

    public WorkloadGenerator(WorkloadOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _cards = new ZipfSampler(options.CardCount, options.CardSkew);
        _merchants = new ZipfSampler(options.MerchantCount, options.MerchantSkew);
        _mix = new WeightedIndexSampler(options.Mix.ToWeights());
        _spend = new AmountSampler(options.SpendAmounts, "spend amounts");
        _topUp = new AmountSampler(options.TopUpAmounts, "top-up amounts");
        _cardRandom = DeterministicRandom.ForStream(seed, RandomStream.Cards);
        _merchantRandom = DeterministicRandom.ForStream(seed, RandomStream.Merchants);
        _mixRandom = DeterministicRandom.ForStream(seed, RandomStream.OperationMix);
        _amountRandom = DeterministicRandom.ForStream(seed, RandomStream.Amounts);
        _originalRandom = DeterministicRandom.ForStream(seed, RandomStream.Originals);
        _authorizations = new OriginalPool(options.OriginalPoolCapacity);
        _purchases = new OriginalPool(options.OriginalPoolCapacity);
        _followUpDelay = Nanoseconds.From(options.FollowUpDelay);
        _rememberedOriginals = options.RememberedOriginals;
        _reversalFallback = options.Mix.Purchase > 0 ? OperationKind.Purchase : OperationKind.Authorize;
    }

    /// <summary>The request with <paramref name="sequence"/>, intended for <paramref name="intendedTimestamp"/>.</summary>
    /// <remarks>Intended times must not decrease from one call to the next.</remarks>
    public LoadRequest Next(long sequence, long intendedTimestamp)
    {
        var drawn = (OperationKind)_mix.Sample(_mixRandom);
        var cutoff = intendedTimestamp - _followUpDelay;

        // Follow-ups outnumbered by originals leave the pools' oldest entries waiting for minutes;
        // they must not outlive what the target remembers of them (SendRejected errors otherwise).
        var oldestRemembered = _originalsCreated - _rememberedOriginals + 1;
        _authorizations.ForgetBefore(oldestRemembered);
        _purchases.ForgetBefore(oldestRemembered);
        var request = drawn switch
        {
            OperationKind.Complete => FollowUp(sequence, drawn, _authorizations, cutoff, OperationKind.Authorize, intendedTimestamp),
            OperationKind.Refund => FollowUp(sequence, drawn, _purchases, cutoff, OperationKind.Purchase, intendedTimestamp),
            OperationKind.Reverse => FollowUp(sequence, drawn, ChooseReversalPool(cutoff), cutoff, _reversalFallback, intendedTimestamp),
            _ => Fresh(sequence, drawn, intendedTimestamp),
        };
        _issued[(int)request.Kind]++;
        return request;
    }

    public WorkloadCounters ReadCounters() =>
        new([.. _issued], [.. _substituted], _authorizations.Dropped + _purchases.Dropped);

    private LoadRequest FollowUp(long sequence, OperationKind kind, OriginalPool pool, long cutoff, OperationKind fallback, long intendedTimestamp)
    {
        if (!pool.TryTake(cutoff, out var original, out var originalRequest))
        {
            _substituted[(int)kind]++;
            return Fresh(sequence, fallback, intendedTimestamp);
        }

        return new LoadRequest(sequence, kind, originalRequest.CardIndex, originalRequest.MerchantIndex, original.Amount, original);
    }

    // A reversal cancels a hold or a purchase; when both have a candidate, a coin decides, so the
    // reversal share splits evenly whatever the mix.
    private OriginalPool ChooseReversalPool(long cutoff)
    {
        var authorization = _authorizations.HasEligible(cutoff);
        var purchase = _purchases.HasEligible(cutoff);
        if (authorization && purchase)
        {
            return _originalRandom.NextInt64(2) == 0 ? _authorizations : _purchases;
        }

        return authorization ? _authorizations : _purchases;
    }

    private LoadRequest Fresh(long sequence, OperationKind kind, long intendedTimestamp)
    {
        var card = (int)(_cards.Sample(_cardRandom) - 1);
        var merchant = (int)(_merchants.Sample(_merchantRandom) - 1);
        var amount = kind switch
        {
            OperationKind.TopUp => _topUp.Sample(_amountRandom),
            OperationKind.BalanceInquiry => 0,
            _ => _spend.Sample(_amountRandom),
        };
        var request = new LoadRequest(sequence, kind, card, merchant, amount, OriginalReference.None);
        if (kind == OperationKind.Authorize)
        {
            _authorizations.Add(request, intendedTimestamp, ++_originalsCreated);
        }
        else if (kind == OperationKind.Purchase)
        {
            _purchases.Add(request, intendedTimestamp, ++_originalsCreated);
        }

        return request;
    }
}
