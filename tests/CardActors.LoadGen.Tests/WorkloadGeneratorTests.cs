using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests;

public sealed class WorkloadGeneratorTests
{
    private const long Millisecond = Nanoseconds.PerMillisecond;

    // 100,000 requests, one per millisecond of intended time.
    private static List<(LoadRequest Request, long Intended)> Generate(WorkloadOptions options, long seed, int count = 100_000)
    {
        var generator = new WorkloadGenerator(options, seed);
        var requests = new List<(LoadRequest, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var intended = i * Millisecond;
            requests.Add((generator.Next(i, intended), intended));
        }

        return requests;
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Follow_ups_name_only_originals_the_target_still_remembers(long seed)
    {
        // Many more originals than follow-ups: the pools' oldest entries would wait far longer
        // than the newest RememberedOriginals (here 2 × 256) originals reach back.
        var options = new WorkloadOptions
        {
            OriginalPoolCapacity = 256,
            FollowUpDelay = TimeSpan.FromMilliseconds(10),
            Mix = new OperationMix { Authorize = 10, Purchase = 10, Complete = 1, Reverse = 1 },
        };
        var requests = Generate(options, seed, 50_000);

        var originals = new List<long>(); // sequences of the originals, in creation order
        var followUps = 0;
        foreach (var (request, _) in requests)
        {
            if (request.Kind is OperationKind.Authorize or OperationKind.Purchase)
            {
                originals.Add(request.Sequence);
                continue;
            }

            if (!request.Kind.NeedsOriginal())
            {
                continue;
            }

            followUps++;
            var place = originals.BinarySearch(request.Original.Sequence);
            Assert.True(place >= 0, $"seed {seed}: request {request.Sequence} follows up on an unknown original");
            Assert.True(originals.Count - place <= options.RememberedOriginals, $"seed {seed}: request {request.Sequence} names original {request.Original.Sequence}, {originals.Count - place} originals back (remembered: {options.RememberedOriginals})");
        }

        Assert.True(followUps > 3_000, $"seed {seed}: only {followUps} follow-ups");
    }

    [Fact]
    public void The_mix_is_followed_once_originals_exist()
    {
        const long Seed = 31;
        var requests = Generate(new WorkloadOptions(), Seed);
        var mix = OperationMix.Default;
        var total = OperationKinds.All.Sum(mix.WeightOf);

        // After the first follow-up delay every follow-up finds an original (the default mix makes
        // more originals than it consumes), so the shares are the weights'. 90,000 draws: a share
        // p has standard deviation √(p(1-p)/n) ≤ 0.0017; allow 0.01.
        var steady = requests.Skip(10_000).ToList();
        foreach (var kind in OperationKinds.All)
        {
            var share = steady.Count(r => r.Request.Kind == kind) / (double)steady.Count;
            var expected = mix.WeightOf(kind) / (double)total;
            Assert.True(Math.Abs(share - expected) < 0.01, $"seed {Seed}: {kind} share {share:F4}, expected {expected:F4}");
        }
    }

    [Fact]
    public void Follow_ups_refer_to_an_earlier_matching_original_at_most_once()
    {
        var options = new WorkloadOptions { FollowUpDelay = TimeSpan.FromMilliseconds(500) };
        var requests = Generate(options, seed: 5);
        var bySequence = requests.ToDictionary(r => r.Request.Sequence);
        var used = new HashSet<long>();
        foreach (var (request, intended) in requests)
        {
            if (!request.Kind.NeedsOriginal())
            {
                Assert.True(request.Original.IsNone);
                continue;
            }

            var (original, originalIntended) = bySequence[request.Original.Sequence];
            Assert.True(used.Add(original.Sequence), $"original {original.Sequence} was followed up twice");
            Assert.True(originalIntended <= intended - (500 * Millisecond));
            Assert.Equal(originalIntended, request.Original.IntendedTimestamp);
            Assert.Equal(original.Kind, request.Original.Kind);
            Assert.Equal(original.CardIndex, request.CardIndex);
            Assert.Equal(original.MerchantIndex, request.MerchantIndex);
            Assert.Equal(original.Amount, request.Amount);
            var allowed = request.Kind switch
            {
                OperationKind.Complete => [OperationKind.Authorize],
                OperationKind.Refund => [OperationKind.Purchase],
                _ => new[] { OperationKind.Authorize, OperationKind.Purchase },
            };
            Assert.Contains(original.Kind, allowed);
        }
    }

    [Fact]
    public void Without_old_enough_originals_follow_ups_become_the_operations_that_create_them()
    {
        var options = new WorkloadOptions { FollowUpDelay = TimeSpan.FromHours(1) };
        var generator = new WorkloadGenerator(options, seed: 9);
        for (var i = 0; i < 10_000; i++)
        {
            var request = generator.Next(i, i * Millisecond);
            Assert.False(request.Kind.NeedsOriginal());
        }

        var counters = generator.ReadCounters();
        Assert.True(counters.Substituted[(int)OperationKind.Complete] > 0);
        Assert.True(counters.Substituted[(int)OperationKind.Refund] > 0);
        Assert.True(counters.Substituted[(int)OperationKind.Reverse] > 0);
        Assert.Equal(10_000, counters.Issued.Sum());
    }

    [Fact]
    public void Cards_and_merchants_are_in_range_and_the_skewed_merchant_is_hot()
    {
        var options = new WorkloadOptions { CardCount = 500, MerchantCount = 40, CardSkew = 0, MerchantSkew = 1.5 };
        var requests = Generate(options, seed: 77, count: 50_000);
        Assert.All(requests, r => Assert.InRange(r.Request.CardIndex, 0, 499));
        Assert.All(requests, r => Assert.InRange(r.Request.MerchantIndex, 0, 39));

        // s = 1.5 over 40 merchants gives the first about 41 % of the traffic; uniform cards ~0.2 % each.
        var hottest = requests.Count(r => r.Request.MerchantIndex == 0) / (double)requests.Count;
        Assert.InRange(hottest, 0.38, 0.44);
        var busiestCard = requests.GroupBy(r => r.Request.CardIndex).Max(g => g.Count()) / (double)requests.Count;
        Assert.InRange(busiestCard, 0.002, 0.0045);
    }

    [Fact]
    public void Amounts_come_from_their_distributions_in_minor_units()
    {
        var options = new WorkloadOptions
        {
            SpendAmounts = AmountDistribution.Uniform(100, 199),
            TopUpAmounts = AmountDistribution.Fixed(10_000),
        };
        foreach (var (request, _) in Generate(options, seed: 3, count: 20_000))
        {
            switch (request.Kind)
            {
                case OperationKind.TopUp:
                    Assert.Equal(10_000, request.Amount);
                    break;
                case OperationKind.BalanceInquiry:
                    Assert.Equal(0, request.Amount);
                    break;
                default:
                    Assert.InRange(request.Amount, 100, 199);
                    break;
            }
        }
    }

    [Fact]
    public void Invalid_workloads_are_rejected_with_a_reason()
    {
        Assert.Throws<ArgumentException>(() => new WorkloadGenerator(new WorkloadOptions { CardCount = 0 }, 1));
        Assert.Throws<ArgumentException>(() => new WorkloadGenerator(new WorkloadOptions { MerchantSkew = -1 }, 1));
        Assert.Throws<ArgumentException>(() => new WorkloadGenerator(new WorkloadOptions { Mix = new OperationMix { Complete = 5 } }, 1));
        Assert.Throws<ArgumentException>(() => new WorkloadGenerator(new WorkloadOptions { SpendAmounts = AmountDistribution.Uniform(0, 10) }, 1));
        Assert.Throws<ArgumentException>(() => new WorkloadGenerator(new WorkloadOptions { TopUpAmounts = AmountDistribution.Weighted() }, 1));
    }
}
