namespace CardActors.LoadGen.Timing;

/// <summary>Conversions between the engine's nanosecond timestamps and other units.</summary>
public static class Nanoseconds
{
    public const long PerMicrosecond = 1_000;
    public const long PerMillisecond = 1_000_000;
    public const long PerSecond = 1_000_000_000;

    /// <summary>A duration in nanoseconds; TimeSpan's 100 ns tick is the finest it can carry.</summary>
    public static long From(TimeSpan duration) => checked(duration.Ticks * 100);

    public static TimeSpan ToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    public static double ToSeconds(long nanoseconds) => nanoseconds / (double)PerSecond;

    /// <summary>Nanoseconds to whole microseconds, rounded to the nearest.</summary>
    public static long ToMicroseconds(long nanoseconds) => (nanoseconds + PerMicrosecond / 2) / PerMicrosecond;
}
