using CardActors.Domain.Cards;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// A ring finds by fingerprint exactly what a scan of its entries finds, through every way it
/// changes: adds past its capacity, removals, replacements, growth and clearing.
/// </summary>
public sealed class BoundedRingTests
{
    /// <summary>Fingerprints of two bits: most lookups meet candidates that are not the entry sought.</summary>
    internal readonly record struct Entry(int Id, int Other, int Payload) : IRingEntry<Entry>
    {
        public static uint Coarse(int value) => (uint)value & 3;

        static uint IRingEntry<Entry>.Fingerprints(in Entry entry) => Fingerprint.Pair(Coarse(entry.Id), Coarse(entry.Other));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Finds_by_fingerprint_what_a_scan_finds(int seed)
    {
        var random = new Random(seed);
        var ring = default(BoundedRing<Entry>);
        var capacity = 4;
        for (var step = 0; step < 2_000; step++)
        {
            var operation = random.Next(10);
            if (operation < 5)
            {
                ring.Add(new Entry(random.Next(16), random.Next(16), step), capacity, out _);
            }
            else if (operation == 5 && ring.Count > 0)
            {
                ring.RemoveOldest();
            }
            else if (operation == 6 && ring.Count > 0)
            {
                ring.RemoveAt(random.Next(ring.Count));
            }
            else if (operation == 7 && ring.Count > 0)
            {
                ring.Replace(random.Next(ring.Count), new Entry(random.Next(16), random.Next(16), -step));
            }
            else if (operation == 8 && capacity < 12 && ring.Count == capacity)
            {
                capacity++;
                ring.Add(new Entry(random.Next(16), random.Next(16), step), capacity, out _);
            }
            else if (operation == 9 && random.Next(20) == 0)
            {
                ring.Clear();
            }

            for (var probe = 0; probe < 16; probe++)
            {
                Assert.True(Scan(ring, e => e.Id == probe) == Find(ring, probe, FingerprintHalf.Primary, e => e.Id == probe), $"seed {seed}, step {step}, id {probe}");
                Assert.True(Scan(ring, e => e.Other == probe) == Find(ring, probe, FingerprintHalf.Secondary, e => e.Other == probe), $"seed {seed}, step {step}, other {probe}");
                Assert.True(Scan(ring, e => e.Id == probe || e.Other == probe) == Find(ring, probe, FingerprintHalf.Either, e => e.Id == probe || e.Other == probe),
                    $"seed {seed}, step {step}, either {probe}");
            }
        }
    }

    [Fact]
    public void A_ring_gives_back_the_arrays_it_empties_or_outgrows()
    {
        // Capacities no other test of this class uses, so that the counts are this test's own.
        var ring = default(BoundedRing<Entry>);
        ring.Add(new Entry(1, 1, 1), 5, out _);
        ring.Add(new Entry(2, 2, 2), 5, out _);
        var kept = LongLivedArrays.KeptCount<Entry>(5);

        ring.RemoveOldest();
        Assert.Equal(kept, LongLivedArrays.KeptCount<Entry>(5));
        ring.RemoveOldest();
        Assert.Equal(kept + 1, LongLivedArrays.KeptCount<Entry>(5));

        for (var i = 0; i < 13; i++)
        {
            ring.Add(new Entry(i, i, i), 13, out _);
        }

        ring.Add(new Entry(13, 13, 13), 14, out _);
        Assert.Equal(1, LongLivedArrays.KeptCount<Entry>(13));
        Assert.Equal(Enumerable.Range(0, 14), Enumerable.Range(0, ring.Count).Select(i => ring[i].Payload));
    }

    [Fact]
    public void An_empty_ring_has_no_candidates()
    {
        var ring = default(BoundedRing<Entry>);
        Assert.Equal(-1, ring.NextCandidate(0, 0, FingerprintHalf.Either));
        ring.Add(new Entry(1, 1, 1), 2, out _);
        ring.RemoveOldest();
        Assert.Equal(-1, ring.NextCandidate(0, Entry.Coarse(1), FingerprintHalf.Either));
    }

    private static int Scan(BoundedRing<Entry> ring, Func<Entry, bool> matches)
    {
        for (var i = 0; i < ring.Count; i++)
        {
            if (matches(ring[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static int Find(BoundedRing<Entry> ring, int probe, FingerprintHalf half, Func<Entry, bool> matches) =>
        ring.IndexOf(Entry.Coarse(probe), half, matches, static (in Entry entry, Func<Entry, bool> matches) => matches(entry));
}
