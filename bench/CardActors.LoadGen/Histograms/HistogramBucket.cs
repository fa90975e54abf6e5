namespace CardActors.LoadGen.Histograms;

/// <summary>A non-empty bucket: <paramref name="Count"/> values between the two bounds, both inclusive.</summary>
public readonly record struct HistogramBucket(long LowestValue, long HighestValue, long Count);
