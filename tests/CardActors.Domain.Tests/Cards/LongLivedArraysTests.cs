using CardActors.Domain.Cards;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// A card's rings and lists start in the collector's oldest generation, so young collections never
/// copy them; arrays that hold references cannot be pinned and stay ordinary.
/// </summary>
public sealed class LongLivedArraysTests
{
    private readonly record struct Plain(long Amount, int Code);

    private readonly record struct WithReference(long Amount, string Note);

    [Fact]
    public void Arrays_of_plain_structs_are_old_from_the_start()
    {
        var sales = LongLivedArrays.Allocate<Plain>(32);
        var fingerprints = LongLivedArrays.Allocate<uint>(32);

        Assert.Equal(32, sales.Length);
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(sales));
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(fingerprints));
        Assert.All(sales, item => Assert.Equal(default, item));
    }

    [Fact]
    public void Arrays_that_hold_references_are_ordinary()
    {
        var items = LongLivedArrays.Allocate<WithReference>(4);

        Assert.Equal(4, items.Length);
        Assert.Equal(0, GC.GetGeneration(items));
    }

    [Fact]
    public void Resize_keeps_the_items_and_stays_old()
    {
        Plain[]? items = null;
        LongLivedArrays.Resize(ref items, 2);
        items[0] = new Plain(5, 1);
        items[1] = new Plain(7, 2);

        LongLivedArrays.Resize(ref items, 3);

        Assert.Equal([new Plain(5, 1), new Plain(7, 2), default], items);
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(items));

        LongLivedArrays.Resize(ref items, 1);
        Assert.Equal([new Plain(5, 1)], items);
    }
}
