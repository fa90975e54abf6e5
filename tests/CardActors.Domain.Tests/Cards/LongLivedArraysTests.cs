using CardActors.Domain.Cards;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// A card's rings and lists start in the collector's oldest generation, so young collections never
/// copy them; arrays that hold references cannot be pinned and stay ordinary. Arrays given back are
/// cleared and handed to the next owner, up to a bound. Each test uses element types of its own, so
/// that no other test shares its store of kept arrays.
/// </summary>
public sealed class LongLivedArraysTests
{
    private readonly record struct Plain(long Amount, int Code);

    private readonly record struct WithReference(long Amount, string Note);

    private readonly record struct Returned(long Amount);

    private readonly record struct Bounded(long Amount);

    private readonly record struct Outgrown(long Amount);

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

    [Fact]
    public void An_array_given_back_is_cleared_and_handed_to_the_next_owner()
    {
        var first = LongLivedArrays.Allocate<Returned>(8);
        first.AsSpan().Fill(new Returned(42));

        LongLivedArrays.Return(first);
        var second = LongLivedArrays.Allocate<Returned>(8);
        var third = LongLivedArrays.Allocate<Returned>(8);

        Assert.Same(first, second);
        Assert.All(second, item => Assert.Equal(default, item));
        Assert.NotSame(second, third);
        Assert.Equal(0, LongLivedArrays.KeptCount<Returned>(8));
    }

    [Fact]
    public void Arrays_beyond_the_kept_number_are_left_to_the_collector()
    {
        for (var i = 0; i < LongLivedArrays.KeptPerLength + 10; i++)
        {
            LongLivedArrays.Return(new Bounded[3]);
        }

        Assert.Equal(LongLivedArrays.KeptPerLength, LongLivedArrays.KeptCount<Bounded>(3));
    }

    [Fact]
    public void Arrays_that_hold_references_are_not_kept()
    {
        LongLivedArrays.Return(new WithReference[5]);

        Assert.Equal(0, LongLivedArrays.KeptCount<WithReference>(5));
    }

    [Fact]
    public void Resize_gives_the_outgrown_array_back()
    {
        Outgrown[]? items = null;
        LongLivedArrays.Resize(ref items, 2);
        var outgrown = items;
        items[1] = new Outgrown(9);

        LongLivedArrays.Resize(ref items, 4);

        Assert.Equal(1, LongLivedArrays.KeptCount<Outgrown>(2));
        Assert.Equal(new Outgrown(9), items[1]);
        Assert.Same(outgrown, LongLivedArrays.Allocate<Outgrown>(2));
    }
}
