namespace CardActors.LoadGen.Iso;

/// <summary>
/// The wall-clock fields of a message: 7 transmission date-time (MMDDhhmmss, UTC) and 12/13 the
/// terminal's local time and date. Values are numbers, so no string is built per message.
/// </summary>
internal sealed class TransmissionClock(TimeProvider wallClock)
{
    /// <summary>Field 7 now: MMDDhhmmss in UTC.</summary>
    public long TransmissionDateTime()
    {
        var utc = wallClock.GetUtcNow().UtcDateTime;
        return (utc.Month * 100_000_000L) + (utc.Day * 1_000_000L) + (utc.Hour * 10_000L) + (utc.Minute * 100L) + utc.Second;
    }

    /// <summary>Fields 12 (hhmmss) and 13 (MMDD) at the terminal, in the machine's time zone.</summary>
    public (long Time, long Date) Local()
    {
        var local = wallClock.GetLocalNow();
        return ((local.Hour * 10_000L) + (local.Minute * 100L) + local.Second, (local.Month * 100L) + local.Day);
    }
}
