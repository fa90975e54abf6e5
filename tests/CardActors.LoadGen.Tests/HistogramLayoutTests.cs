using CardActors.LoadGen.Histograms;

namespace CardActors.LoadGen.Tests;

public sealed class HistogramLayoutTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Buckets_tile_the_range_without_gaps_and_keep_the_relative_precision(int digits)
    {
        var layout = new HistogramLayout(digits, 3_600_000_000);
        var precision = Math.Pow(10, -digits);
        long expectedLow = 0;
        for (var i = 0; i < layout.BucketCount; i++)
        {
            var low = layout.LowestEquivalent(i);
            var high = layout.HighestEquivalent(i);
            Assert.Equal(expectedLow, low);
            Assert.True(high >= low);
            Assert.Equal(i, layout.IndexOf(low));
            Assert.Equal(i, layout.IndexOf(high));
            if (high > low)
            {
                Assert.True((high - low + 1) / (double)low <= precision, $"bucket {i} [{low}, {high}] is wider than {precision} of its value");
            }

            expectedLow = high + 1;
        }

        Assert.Equal(layout.HighestTrackableValue + 1, expectedLow);
        Assert.True(layout.HighestTrackableValue >= 3_600_000_000);
    }

    [Fact]
    public void Three_digits_up_to_an_hour_of_microseconds_stays_small()
    {
        Assert.InRange(new HistogramLayout(3, 3_600_000_000).BucketCount, 20_000, 24_000);
        Assert.InRange(new HistogramLayout(2, 3_600_000_000).BucketCount, 3_000, 3_500);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var layout = new HistogramLayout(2, 3_600_000_000);
        for (var v = 0; v < 256; v++)
        {
            Assert.Equal(v, layout.LowestEquivalent(layout.IndexOf(v)));
            Assert.Equal(v, layout.HighestEquivalent(layout.IndexOf(v)));
        }
    }
}
